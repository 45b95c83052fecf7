#!/bin/bash
# Submits a sharded ServiceCircle run: the shard array, then the merge once all shards succeeded.
#   CIRCLE_JOB=/shared/servicecircle/nightly.yaml bash deploy/slurm/submit.sh [SHARDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shards=${1:-3}
array=$(sbatch --parsable --export=ALL --array="1-${shards}" "$here/circle-shards.sbatch")
sbatch --parsable --export=ALL --dependency="afterok:${array}" "$here/circle-merge.sbatch"
