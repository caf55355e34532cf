# crossbmo task runner. `make run` and `make test` work on a fresh clone (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLES := data/samples/france_travail_bmo
VDAB := data/samples/vdab
FOREM := data/samples/forem
FT := data/samples
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run demo-data test lint i18n bench clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo-data: install
	$(BIN)/crossbmo db upgrade
	$(BIN)/crossbmo ingest france-travail-bmo $(SAMPLES)/Base_open_data_BMO_2023_Hauts-de-France_REG32_DERIVED.xlsx
	$(BIN)/crossbmo ingest france-travail-bmo $(SAMPLES)/Base_open_data_BMO_2025_Hauts-de-France_REG32_DERIVED.xlsx
	$(BIN)/crossbmo ingest vdab-arvastat $(VDAB)/arvastat_ontvangen_vacatures_bouw_2026-04_REBUILT_from_embuild_csv.xlsx
	$(BIN)/crossbmo ingest vdab-shortage $(VDAB)/vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv
	$(BIN)/crossbmo ingest vdab-vacancies $(VDAB)/vdab_vacancies_2026-Q1_SYNTHETIC.json
	$(BIN)/crossbmo ingest forem-offers $(FOREM)/forem_offres_export_SYNTHETIC.json
	$(BIN)/crossbmo ingest forem-shortage $(FOREM)/forem_fonctions_critiques_2026_SYNTHETIC.csv
	$(BIN)/crossbmo ingest forem-job-seekers $(FOREM)/forem_dei_2026-09_SYNTHETIC.csv
	$(BIN)/crossbmo offers load data/samples/france_travail_offers/offres_v2_search_response_2019_contacts_redacted.json --source france-travail-offers
	$(BIN)/crossbmo offers load data/samples/france_travail_offers/offres_v2_soudeurs_SYNTHETIC.json --source france-travail-offers
	$(BIN)/crossbmo offers load $(FOREM)/forem_offres_export_SYNTHETIC.json --source forem-offers
	$(BIN)/crossbmo offers load $(FOREM)/forem_offres_soudeurs_SYNTHETIC.json --source forem-offers
	$(BIN)/crossbmo offers load $(VDAB)/vdab_vacancies_2026-Q1_SYNTHETIC.json --source vdab-vacancies
	$(BIN)/crossbmo offers load $(VDAB)/vdab_vacancies_lassers_2026-Q4_SYNTHETIC.json --source vdab-vacancies
	$(BIN)/crossbmo ingest france-travail-tension $(FT)/france_travail_tension/mobiville_cities-tension-utf8_ROME_bassin_Hauts-de-France_REG32_DERIVED.csv
	$(BIN)/crossbmo ingest france-travail-tension-list $(FT)/france_travail_tension/odis_metiers_en_tension_mars_2024_Hauts-de-France_DERIVED.csv
	$(BIN)/crossbmo ingest france-travail-job-seekers $(FT)/france_travail_job_seekers/odis_emploi_demandeur_communes_Hauts-de-France_REG32_DERIVED.csv
	$(BIN)/crossbmo ingest onem-claimants data/samples/onem/onem_cci_de_arrondissements_provinces_2017-2026_DERIVED.csv
	$(BIN)/crossbmo ingest eurostat-lfs-rate data/samples/eurostat/lfst_r_lfu3rt_unemployment_rate_nuts2_BE_FR_1999-2025_DERIVED.csv
	$(BIN)/crossbmo ingest eurostat-tsv data/samples/eurostat/lfst_r_lfu3pers_BE_FR_DERIVED.tsv
	$(BIN)/crossbmo ingest dares-tensions data/samples/dares/dares_tensions_2019_nat_reg32-44_dep02-08-59-60-62-80_DERIVED.csv
	$(BIN)/crossbmo ingest steunpunt-werk-rates data/samples/steunpunt_werk/steunpunt_werk_admin_unemployment_rate_communes_2024_DERIVED.csv
	$(BIN)/crossbmo ingest vdab-arvastat-construction $(VDAB)/arvastat_bouw_ontvangen_vacatures_monthly_2016-01_2026-04.csv
	$(BIN)/crossbmo ingest vdab-arvastat-construction $(VDAB)/arvastat_bouw_open_vacatures_monthly_2016-01_2026-04.csv
	$(BIN)/crossbmo ingest vdab-arvastat-construction $(VDAB)/arvastat_bouw_ontvangen_vacatures_12_months_2017-2026.csv
	$(BIN)/crossbmo ingest dares-tension-history data/samples/dares/dares_evol_tensions_2011-2019.csv
	$(BIN)/crossbmo bulletin build 2025-Q2
	$(BIN)/crossbmo bulletin publish 2025-Q2

run: demo-data
	$(BIN)/crossbmo serve --host $(HOST) --port $(PORT)

test: install
	scripts/test-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check services schemas tests tools benchmarks
	$(BIN)/ruff format --check services schemas tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports  # the layers and no-cycle contracts of pyproject.toml

# Extract Python and Jinja2 messages (babel.cfg), update the fr/nl/en catalogues keeping their
# translations (TRANSLATIONS= JSON files add new ones), compile; fails while a msgid is untranslated.
TRANSLATIONS ?=
i18n: install
	$(BIN)/python scripts/i18n_fill.py $(TRANSLATIONS); status=$$?; \
	$(BIN)/pybabel compile -d i18n -D messages --statistics; exit $$status

bench: install
	$(BIN)/python -m benchmarks.ingest_bmo
	$(BIN)/python -m benchmarks.harmonize_bmo
	$(BIN)/python -m benchmarks.ingest_forem_offers
	$(BIN)/python -m benchmarks.build_bulletin
	$(BIN)/python -m benchmarks.serve_bulletin
	scripts/test-postgres.sh $(BIN)/python -m benchmarks.search_offers  # 1 000 000 offers

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
