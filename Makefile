# Job Management Dashboard: the front door.
#
# Two ways to run the product:
#   Docker path (what an evaluator runs): build, up, stop, clean, test, logs, seed
#   Native path (development and CI):     dev, check, bench, bench-scaled, types, fmt, screenshot
#   Reliability (native; ARGS=--docker drives `make up`'s stack): soak, soak-migrate, load, fuzz
# Recipes hold no logic: each one calls a script in ops/scripts/, which runs on
# GNU make 3.81 and bash 3.2 (the macOS defaults).  ARGS=... passes through.

.DEFAULT_GOAL := help
SCRIPTS := ops/scripts
ARGS ?=
N ?=
FILE ?=

.PHONY: help
help: ## List the targets with one line each
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

# ---- Docker path --------------------------------------------------------------

.PHONY: build
build: ## Build every Docker image (api, web, e2e)
	@bash $(SCRIPTS)/docker-build.sh $(ARGS)

.PHONY: up
up: ## Start the stack detached, wait until healthy, print the URL
	@bash $(SCRIPTS)/docker-up.sh $(ARGS)

.PHONY: stop
stop: ## Stop the stack's containers, keep its data
	@bash $(SCRIPTS)/docker-stop.sh $(ARGS)

.PHONY: clean
clean: ## Remove this project's containers, networks, volumes and images
	@bash $(SCRIPTS)/docker-clean.sh $(ARGS)

.PHONY: test
test: ## Run the E2E suite in an isolated compose project (report in ./playwright-report)
	@bash $(SCRIPTS)/docker-test.sh $(ARGS)

.PHONY: logs
logs: ## Follow the running stack's logs
	@bash $(SCRIPTS)/docker-logs.sh $(ARGS)

.PHONY: seed
seed: ## Seed the running stack with N jobs (make seed N=1000000)
	@bash $(SCRIPTS)/docker-seed.sh $(N) $(ARGS)

# ---- Native path --------------------------------------------------------------

.PHONY: bootstrap
bootstrap: ## Create the venv and install JS packages from the lock files
	@bash $(SCRIPTS)/bootstrap.sh $(ARGS)

.PHONY: dev
dev: ## Run the dashboard natively (API + Vite) in the foreground
	@bash $(SCRIPTS)/dev.sh $(ARGS)

.PHONY: check
check: ## Run every native check: lint, types, migrations, tests, build, E2E
	@bash $(SCRIPTS)/check.sh $(ARGS)

.PHONY: bench
bench: ## Benchmark the API against the naive design (make bench N=1000000)
	@bash $(SCRIPTS)/bench.sh $(N) $(ARGS)

.PHONY: bench-floor
bench-floor: ## Every read against bare WSGI and /api/health/, interleaved (make bench-floor N=300000)
	@BENCH_MODE=floor bash $(SCRIPTS)/bench.sh $(N) $(ARGS)

.PHONY: bench-streams
bench-streams: ## List p50 with 200 idle event streams open vs none, and the fan-out (make bench-streams N=20000)
	@BENCH_MODE=streams bash $(SCRIPTS)/bench.sh $(N) $(ARGS)

.PHONY: types
types: ## Regenerate openapi.yaml and the web app's schema.gen.ts
	@bash $(SCRIPTS)/types.sh $(ARGS)

.PHONY: fmt
fmt: ## Format Python and TypeScript sources
	@bash $(SCRIPTS)/fmt.sh $(ARGS)

.PHONY: screenshot
screenshot: ## Take docs/img/dashboard.png of the dashboard on seeded data
	@bash $(SCRIPTS)/screenshot.sh $(ARGS)

# ---- Reliability --------------------------------------------------------------

.PHONY: soak
soak: ## 5-min soak: 8 clients, PostgreSQL restarted twice, a worker killed (ARGS=--docker for make up's stack)
	@bash $(SCRIPTS)/reliability.sh soak --seconds 300 $(ARGS)

.PHONY: soak-migrate
soak-migrate: ## The newest migration applied to 1M jobs under the soak's clients: no request waits on a lock >= 1 s
	@bash $(SCRIPTS)/reliability.sh migrate_under_load --jobs 1000000 $(ARGS)

.PHONY: fuzz
fuzz: ## Contract fuzzing with schemathesis, 5 minutes (make check runs 1 minute)
	@bash $(SCRIPTS)/reliability.sh fuzz --max-examples 200 --max-time 300 $(ARGS)

.PHONY: backup
backup: ## pg_dump (custom format) of make up's database to ./backups/ (ARGS=--database-url=URL natively)
	@bash $(SCRIPTS)/reliability.sh backup dump $(ARGS)

.PHONY: restore
restore: ## Restore FILE=backups/jobs-....dump into a fresh database of make up's stack, then check it
	@bash $(SCRIPTS)/reliability.sh backup restore $(FILE) $(ARGS)

.PHONY: load
load: ## 5-min Locust load test at docs/performance.md's 544 req/s on 1M jobs; p50/p99, errors, req/s achieved
	@bash $(SCRIPTS)/reliability.sh load --seconds 300 $(ARGS)

.PHONY: bench-scaled
bench-scaled: ## List and PATCH throughput direct, through PgBouncer and with a read replica (make bench-scaled N=100000)
	@bash $(SCRIPTS)/reliability.sh topologies --jobs $(or $(N),100000) $(ARGS)
