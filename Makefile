# ServiceCircle — `make demo` runs the main job on geodata/, `make test` runs the tests.
# Both install any missing Debian packages first (Scripts/install-deps.sh).

SWIFT ?= swift
HELSINKI := geodata/helsinki/Helsinki.osm.pbf

.PHONY: deps build release test demo demo-check deb deb-test bench fuzz clean

deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The demo: first the Pudong-like synthetic district (缺项 per subdistrict, the worst items, every
# catalog item present), then the real-OSM example, Helsinki: coverage of every catalog item for
# committees placed on residential buildings, facilities from OSM tags (most Chinese facility
# types have no data there, and its report says so); gap maps checked by `circle verify`. Each
# dataset keeps a run history, so a second `make demo` opens its reports with what changed.
demo: release
	@mkdir -p out
	.build/release/circle analyze --network geodata/pudong-synthetic/network.osm.pbf \
		--origins geodata/pudong-synthetic/origins.csv --facilities geodata/pudong-synthetic/facilities.csv \
		--areas geodata/pudong-synthetic/subdistricts.geojson --history out/pudong-synthetic.history.sqlite \
		--out out/pudong-synthetic --quiet
	.build/release/circle verify out/pudong-synthetic
	.build/release/circle build-graph --network $(HELSINKI) --out out/helsinki.scgraph --quiet
	.build/release/circle analyze --network out/helsinki.scgraph \
		--origins geodata/helsinki/origins.csv --facilities osm \
		--catalog geodata/helsinki/catalog-helsinki.json --history out/helsinki.history.sqlite --out out/helsinki
	.build/release/circle verify out/helsinki
	@echo "report (start here): $(CURDIR)/out/pudong-synthetic/report.html"
	@echo "report (real OSM):   $(CURDIR)/out/helsinki/report.html"

# Opens the demo's reports in headless Chromium and checks them; screenshots in out/screenshots.
demo-check: demo
	python3 Scripts/browser-check.py out/pudong-synthetic/report.html out/helsinki/report.html --shots out/screenshots

# A Debian package of circle (Swift runtime linked in; Depends: on the C libraries) for machines
# without a Swift toolchain, and its test: installs it with apt-get, runs the installed binary.
deb: deps
	bash Scripts/make-deb.sh

deb-test: deb
	bash Scripts/test-deb.sh

# Benchmarks (release build of the Benchmarks/ package), then circle side by side with the SciPy
# pipeline and pandana (their pip requirements go into Benchmarks/.venv, here only); see
# Benchmarks/README.md.
bench: deps
	@[ -f Benchmarks/data/city1m.osm.pbf ] || bash Benchmarks/Scripts/make_cities.sh
	cd Benchmarks && $(SWIFT) build -c release
	bash Benchmarks/Scripts/run.sh
	bash Benchmarks/Scripts/compare.sh

# libFuzzer targets for the input readers (Fuzz/, docs/fuzzing.md), FUZZ_SECONDS each (default 60).
# Not part of `make test`.
fuzz: deps
	bash Fuzz/run.sh

clean:
	rm -rf .build out
