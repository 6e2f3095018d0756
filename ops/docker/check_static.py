"""Engine-free checks of the Docker path (run by ops/scripts/check-docker-static.sh).

Usage: python check_static.py REPO_ROOT

Reads docker-compose.yml to find every build (context, Dockerfile, ignore
file) and checks:
  * each Dockerfile: Docker Hub base images pinned to a version tag, no
    `# syntax=` line, every COPY/ADD source present in the build context and
    not excluded by the ignore file, no host node_modules/ or venv in the
    context that reaches the builder;
  * the E2E image installs @playwright/test exactly as playwright/package-lock.json pins it;
  * docker-compose.yml's structure (services, start order, healthchecks,
    published ports, profiles) and that .env.example documents its variables.
Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import sys
from pathlib import Path

import yaml

PROBLEMS: list[str] = []


def problem(message: str) -> None:
    PROBLEMS.append(message)
    print(f"  FAIL {message}")


def ok(message: str) -> None:
    print(f"  ok   {message}")


# ---- .dockerignore semantics (moby/patternmatcher) -------------------------------


class IgnoreRules:
    """Patterns of a .dockerignore file, matched the way BuildKit does.

    Later patterns win; `!pattern` re-includes; a pattern that matches a
    directory also matches everything below it; `**` spans directories.
    """

    def __init__(self, text: str) -> None:
        self.rules: list[tuple[bool, re.Pattern[str], str]] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:].strip()
            line = os.path.normpath(line).lstrip("/")
            if line == ".":
                continue
            self.rules.append((negate, re.compile(self._regex(line)), line))

    @staticmethod
    def _regex(pattern: str) -> str:
        out = ["^"]
        i = 0
        while i < len(pattern):
            c = pattern[i]
            if c == "*":
                if pattern[i : i + 2] == "**":
                    i += 2
                    if pattern[i : i + 1] == "/":
                        out.append("(?:.*/)?")
                        i += 1
                    else:
                        out.append(".*")
                    continue
                out.append("[^/]*")
            elif c == "?":
                out.append("[^/]")
            elif c == "[":
                end = pattern.find("]", i)
                if end == -1:
                    out.append(re.escape(c))
                else:
                    out.append(pattern[i : end + 1].replace("[!", "[^"))
                    i = end
            elif c == "\\" and i + 1 < len(pattern):
                i += 1
                out.append(re.escape(pattern[i]))
            else:
                out.append(re.escape(c))
            i += 1
        out.append("$")
        return "".join(out)

    def excluded(self, path: str) -> bool:
        parents = path.split("/")
        candidates = ["/".join(parents[: n + 1]) for n in range(len(parents))]
        result = False
        for negate, regex, _ in self.rules:
            if any(regex.match(c) for c in candidates):
                result = not negate
        return result

    def may_reinclude_below(self, directory: str) -> bool:
        prefix = directory + "/"
        for negate, _, pattern in self.rules:
            if negate and (pattern.startswith(prefix) or "*" in pattern.split("/")[0]):
                return True
        return False


def context_files(context: Path, rules: IgnoreRules) -> set[str]:
    """Every file path (relative, '/'-separated) the builder may receive."""
    kept: set[str] = set()
    for root, dirs, files in os.walk(context):
        rel_root = os.path.relpath(root, context)
        rel_root = "" if rel_root == "." else rel_root.replace(os.sep, "/")
        for d in list(dirs):
            rel = f"{rel_root}/{d}" if rel_root else d
            if rules.excluded(rel) and not rules.may_reinclude_below(rel):
                dirs.remove(d)
        for f in files:
            rel = f"{rel_root}/{f}" if rel_root else f
            if not rules.excluded(rel):
                kept.add(rel)
    return kept


# ---- Dockerfile parsing ---------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    buffer = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        if buffer.strip():
            word, _, rest = buffer.strip().partition(" ")
            instructions.append((word.upper(), rest.strip()))
        buffer = ""
    return instructions


def substitute(value: str, args: dict[str, str]) -> str:
    def repl(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2)
        return args.get(name, "")

    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)", repl, value)


def check_base_image(label: str, image: str) -> None:
    name, _, tag = image.rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
    first = name.split("/")[0]
    if "/" in name and ("." in first or ":" in first or first == "localhost"):
        problem(f"{label}: base image {image} is not from Docker Hub")
    elif not tag or tag == "latest" or not re.match(r"^v?\d", tag):
        problem(f"{label}: base image {image} is not pinned to a version tag")
    else:
        ok(f"{label}: FROM {image}")


def copy_sources(arguments: str) -> tuple[list[str], bool]:
    """The sources of a COPY/ADD and whether it copies from another stage/context."""
    if arguments.startswith("["):
        parts = json.loads(arguments)
    else:
        parts = shlex.split(arguments)
    sources = []
    from_other = False
    for part in parts:
        if part.startswith("--"):
            if part.startswith("--from="):
                from_other = True
            continue
        sources.append(part)
    return sources[:-1], from_other


def check_build(service: str, context: Path, dockerfile: Path) -> list[str]:
    label = f"{service} ({dockerfile.relative_to(REPO)})"
    if not dockerfile.is_file():
        problem(f"{label}: Dockerfile not found")
        return []
    text = dockerfile.read_text(encoding="utf-8")
    if re.match(r"\s*#\s*syntax\s*=", text):
        problem(f"{label}: drop the `# syntax=` line (BuildKit would pull a frontend image)")

    specific = dockerfile.with_name(dockerfile.name + ".dockerignore")
    ignore_file = specific if specific.is_file() else context / ".dockerignore"
    if not ignore_file.is_file():
        problem(f"{label}: the build context {context.relative_to(REPO) or '.'} has no .dockerignore")
        rules = IgnoreRules("")
    else:
        rules = IgnoreRules(ignore_file.read_text(encoding="utf-8"))
        ok(f"{label}: ignore file {ignore_file.relative_to(REPO)}")
    files = context_files(context, rules)

    leaks = set()
    for f in files:
        parts = f.split("/")
        for i, part in enumerate(parts[:-1]):
            if part in ("node_modules", ".venv", "venv", "__pycache__"):
                leaks.add("/".join(parts[: i + 1]))
                break
    leaks = sorted(leaks)
    if leaks:
        problem(f"{label}: the ignore file lets host packages into the context: {', '.join(leaks[:5])}")

    args: dict[str, str] = {}
    stages: set[str] = set()
    instructions = dockerfile_instructions(text)
    for word, rest in instructions:
        if word == "ARG":
            name, _, default = rest.partition("=")
            args.setdefault(name.strip(), default.strip().strip('"'))
        elif word == "FROM":
            parts = rest.split()
            image = substitute(parts[0], args)
            if image not in stages:
                check_base_image(label, image)
            if len(parts) >= 3 and parts[1].upper() == "AS":
                stages.add(parts[2])
        elif word in ("COPY", "ADD"):
            sources, from_other = copy_sources(rest)
            if from_other:
                continue
            for src in sources:
                src_clean = os.path.normpath(src).lstrip("/")
                if src_clean in (".", ""):
                    continue
                if any(ch in src_clean for ch in "*?["):
                    hit = any(fnmatch.fnmatch(f, src_clean) for f in files)
                else:
                    hit = src_clean in files or any(f.startswith(src_clean + "/") for f in files)
                if hit:
                    ok(f"{label}: COPY {src}")
                elif (context / src_clean).exists():
                    problem(f"{label}: COPY {src} is excluded by {ignore_file.name}")
                else:
                    problem(f"{label}: COPY {src} does not exist in the build context")
    return [rest for word, rest in instructions if word == "RUN"]


# ---- Playwright pin ---------------------------------------------------------------------


def check_playwright(e2e_runs: list[str], e2e_dockerfile: Path) -> None:
    package = json.loads((REPO / "playwright/package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "playwright/package-lock.json").read_text(encoding="utf-8"))
    spec = {**package.get("dependencies", {}), **package.get("devDependencies", {})}.get("@playwright/test")
    locked = lock.get("packages", {}).get("node_modules/@playwright/test", {}).get("version")
    if not locked:
        problem("playwright/package-lock.json does not lock @playwright/test")
        return
    if spec != locked:
        problem(f"playwright/package.json pins @playwright/test {spec!r}, the lock has {locked}: pin it exactly")
    core = lock.get("packages", {}).get("node_modules/playwright-core", {}).get("version")
    if core and core != locked:
        problem(f"playwright-core {core} in the lock differs from @playwright/test {locked}")
    if not any(re.search(r"\bnpm ci\b", run) for run in e2e_runs):
        problem("playwright/Dockerfile must install with `npm ci` (the lock's exact versions)")
    text = e2e_dockerfile.read_text(encoding="utf-8")
    for tag in re.findall(r"mcr\.microsoft\.com/playwright:v?([0-9.]+)", text):
        if tag != locked:
            problem(f"playwright/Dockerfile uses the Playwright image {tag}, the lock has {locked}")
    if "PLAYWRIGHT_CHROMIUM_EXECUTABLE" not in text:
        problem("playwright/Dockerfile does not set PLAYWRIGHT_CHROMIUM_EXECUTABLE")
    ok(f"E2E image: @playwright/test {locked} from the lock via npm ci")


# ---- compose ------------------------------------------------------------------------------


def depends(service: dict, name: str) -> str | None:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return "service_started" if name in deps else None
    entry = deps.get(name)
    if entry is None:
        return None
    return (entry or {}).get("condition", "service_started")


def check_compose() -> dict:
    path = REPO / "docker-compose.yml"
    compose = yaml.safe_load(path.read_text(encoding="utf-8"))
    publish = yaml.safe_load((REPO / "ops/docker/compose.publish.yml").read_text(encoding="utf-8"))
    services: dict = compose.get("services", {})

    if "version" in compose:
        problem("docker-compose.yml: drop the obsolete `version:` key")
    for name, svc in services.items():
        if "container_name" in svc:
            problem(f"docker-compose.yml: {name} sets container_name (breaks parallel projects)")
        if svc.get("ports"):
            problem(f"docker-compose.yml: {name} publishes ports; only ops/docker/compose.publish.yml may")
    missing = {"db", "migrate", "api", "web", "e2e"} - set(services)
    if missing:
        problem(f"docker-compose.yml: services missing: {', '.join(sorted(missing))}")
        return services

    db = services["db"]
    image = str(db.get("image", ""))
    if not re.match(r"^postgres:(16|17)([.-]|$)", image):
        problem(f"db: image {image!r} should be postgres 16 or 17 pinned by major")
    test = " ".join(db.get("healthcheck", {}).get("test", []))
    if "pg_isready" not in test or "127.0.0.1" not in test:
        problem("db: healthcheck must be pg_isready -h 127.0.0.1")
    if "start_period" not in db.get("healthcheck", {}):
        problem("db: healthcheck has no start_period")
    volumes = [str(v) for v in db.get("volumes", [])]
    if not any(v.split(":")[0] in compose.get("volumes", {}) for v in volumes):
        problem("db: data is not on a named volume")
    if not any("ops/postgres/postgresql.conf" in v for v in volumes) or "config_file=" not in " ".join(
        db.get("command", [])
    ):
        problem("db: ops/postgres/postgresql.conf is not mounted and used via config_file")

    expectations = [
        ("migrate", "db", "service_healthy"),
        ("api", "migrate", "service_completed_successfully"),
        ("web", "api", "service_healthy"),
        ("e2e", "web", "service_healthy"),
    ]
    for name, dep, condition in expectations:
        got = depends(services[name], dep)
        if got != condition:
            problem(f"{name}: depends_on {dep} should be {condition}, is {got}")
    for name in ("api", "web"):
        if not services[name].get("healthcheck", {}).get("test"):
            problem(f"{name}: no healthcheck")
    if "/api/health/" not in " ".join(services["api"].get("healthcheck", {}).get("test", [])):
        problem("api: healthcheck does not call /api/health/")
    if "test" not in services["e2e"].get("profiles", []):
        problem("e2e: not under the `test` profile")
    if not (services["e2e"].get("shm_size") or services["e2e"].get("ipc") == "host"):
        problem("e2e: Chromium needs shm_size or ipc: host")
    if "manage.py" not in " ".join(services["migrate"].get("command", [])):
        problem("migrate: does not run manage.py migrate")
    if services["migrate"].get("image") != services["api"].get("image") or "build" in services["migrate"]:
        problem("migrate: must run the image the api service builds (same code as the server)")

    test_override = yaml.safe_load((REPO / "ops/docker/compose.test.yml").read_text(encoding="utf-8"))
    for name, svc in (test_override.get("services") or {}).items():
        if svc.get("ports") or svc.get("volumes"):
            problem(f"compose.test.yml: {name} must not publish ports or mount host paths")
    published = {name for name, svc in (publish.get("services") or {}).items() if svc.get("ports")}
    if published != {"web"}:
        problem(f"compose.publish.yml: only web may publish a port (found: {sorted(published)})")

    # Every variable the compose files read is documented in .env.example.
    texts = path.read_text(encoding="utf-8") + (REPO / "ops/docker/compose.publish.yml").read_text(
        encoding="utf-8"
    )
    variables = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", texts))
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)=", example, re.M))
    # COMPOSE_PROJECT_NAME is Compose's own (the scripts set it from -p).
    undocumented = sorted(variables - documented - {"COMPOSE_PROJECT_NAME"})
    if undocumented:
        problem(f".env.example does not list: {', '.join(undocumented)}")
    operations = REPO / "docs/operations.md"
    if operations.is_file():
        text = operations.read_text(encoding="utf-8")
        absent = sorted(v for v in documented if v not in text and v != "COMPOSE_FILE")
        if absent:
            problem(f"docs/operations.md does not explain: {', '.join(absent)}")
    else:
        problem("docs/operations.md is missing")
    ok(f"docker-compose.yml: {len(services)} services, start order and healthchecks as specified")
    return services


def main() -> int:
    services = check_compose()
    runs_by_service: dict[str, list[str]] = {}
    seen: set[tuple[Path, Path]] = set()
    for name, svc in services.items():
        build = svc.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = (REPO / build.get("context", ".")).resolve()
        dockerfile = (context / build.get("dockerfile", "Dockerfile")).resolve()
        if (context, dockerfile) in seen:
            continue
        seen.add((context, dockerfile))
        runs_by_service[name] = check_build(name, context, dockerfile)
    if "e2e" in runs_by_service:
        check_playwright(runs_by_service["e2e"], REPO / "playwright/Dockerfile")
    api_runs = " ".join(runs_by_service.get("api", []))
    if "requirements.lock" not in api_runs:
        problem("services/api/Dockerfile does not install from requirements.lock")
    web_runs = " ".join(runs_by_service.get("web", []))
    if "npm ci" not in web_runs:
        problem("apps/web/Dockerfile does not install with npm ci")
    if PROBLEMS:
        print(f"{len(PROBLEMS)} problem(s) found")
        return 1
    return 0


if __name__ == "__main__":
    REPO = Path(sys.argv[1]).resolve()
    sys.exit(main())
