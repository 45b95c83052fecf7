# ServiceCircle — `make demo` runs the main job on geodata/, `make test` runs the tests.
# Both install any missing Debian packages first (Scripts/install-deps.sh).

SWIFT ?= swift
HELSINKI := geodata/helsinki/Helsinki.osm.pbf

.PHONY: deps build release test demo bench clean

deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The main job on the Helsinki sample: coverage of every catalog item for committees placed on
# residential buildings, facilities from OSM tags; gap maps checked by `circle verify`.
demo: release
	@mkdir -p out
	.build/release/circle build-graph --network $(HELSINKI) --out out/helsinki.scgraph --quiet
	.build/release/circle analyze --network out/helsinki.scgraph \
		--origins geodata/helsinki/origins.csv --facilities osm \
		--catalog geodata/helsinki/catalog-helsinki.json --out out/helsinki
	.build/release/circle verify out/helsinki
	.build/release/circle analyze --network geodata/pudong-synthetic/network.osm.pbf \
		--origins geodata/pudong-synthetic/origins.csv --facilities geodata/pudong-synthetic/facilities.csv \
		--areas geodata/pudong-synthetic/subdistricts.geojson --out out/pudong-synthetic --quiet
	@echo "report: $(CURDIR)/out/helsinki/report.html"
	@echo "report: $(CURDIR)/out/pudong-synthetic/report.html" 

# Benchmarks (release build of the Benchmarks/ package), then circle side by side with the SciPy
# pipeline and pandana (their pip requirements go into Benchmarks/.venv, here only); see
# Benchmarks/README.md.
bench: deps
	@[ -f Benchmarks/data/city1m.osm.pbf ] || bash Benchmarks/Scripts/make_cities.sh
	cd Benchmarks && $(SWIFT) build -c release
	bash Benchmarks/Scripts/run.sh
	bash Benchmarks/Scripts/compare.sh

clean:
	rm -rf .build out
