"""Files a newcomer reads first: .env.example, content/README.md, the package metadata."""

from __future__ import annotations

import ast
import dataclasses
import re
import tomllib
from pathlib import Path

from dotenv import dotenv_values
from packaging.licenses import canonicalize_license_expression
from packaging.requirements import Requirement
from packaging.version import Version

from bot import channels
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


def settings_read() -> set[str]:
    """Every variable Settings reads: its fields' names, the names written in config.py, the
    variables channel modules declare, plus any other module reading the environment directly."""
    names = {field.name.upper() for field in dataclasses.fields(Settings) if field.name != "extra"}
    names |= {name for channel in channels.all_channels() for name in channel.settings_names}
    config = ast.parse((ROOT / "bot" / "config.py").read_text(encoding="utf-8"))
    names |= {node.value for node in ast.walk(config)
              if isinstance(node, ast.Constant) and isinstance(node.value, str)
              and ENV_NAME.match(node.value)}
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "webhooks").rglob("*.py")]:
        names |= set(re.findall(r"environ\.get\(\"([A-Z0-9_]+)\"", path.read_text("utf-8")))
    return names


def example_entries() -> list[tuple[str, list[str]]]:
    """(name, comment lines just above it) for each setting in .env.example."""
    entries, comments = [], []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif "=" in line:
            entries.append((line.split("=", 1)[0], comments))
        else:
            comments = []
    return entries


def test_env_example_lists_every_setting_and_nothing_else() -> None:
    listed = [name for name, _ in example_entries()]
    assert len(listed) == len(set(listed))
    assert set(listed) == settings_read()


def test_env_example_explains_every_setting() -> None:
    for name, comments in example_entries():
        assert comments, f"{name} has no comment above it"


def test_env_example_works_as_it_is() -> None:
    values = {k: v or "" for k, v in dotenv_values(ROOT / ".env.example").items()}
    settings = Settings.from_env(values)
    assert settings == Settings.from_env({})


def test_content_readme_points_only_inside_the_repository() -> None:
    text = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    assert "../" not in text
    for quoted in re.findall(r"`([^`\s]+\.(?:md|yaml|txt|py))`", text):
        if "<" not in quoted:
            assert (ROOT / "content" / quoted).exists() or (ROOT / quoted).exists(), quoted


def test_license_is_an_spdx_string_with_a_setuptools_that_reads_it() -> None:
    # A TOML table made setuptools print a deprecation warning three times per build;
    # setuptools reads SPDX expressions from 77 on.
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert canonicalize_license_expression(meta["project"]["license"]) == "MIT"
    (setuptools,) = [Requirement(r) for r in meta["build-system"]["requires"]
                     if Requirement(r).name == "setuptools"]
    assert not setuptools.specifier.contains(Version("76.9"))
    assert setuptools.specifier.contains(Version("77.0"))


def test_readme_covers_the_first_hour() -> None:
    from bot.cli import main, serve

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = {opt for param in serve.params for opt in param.opts}
    assert {"--host", "--port"} <= options
    assert "paisano serve --host 0.0.0.0 --port 8000" in readme
    assert "doctor" in main.commands and "`paisano doctor`" in readme
    # What tests/run.sh needs, as the script itself does it.
    run_sh = (ROOT / "tests" / "run.sh").read_text(encoding="utf-8")
    for need in ("apt-get", "sudo", "pg_ctlcluster", "chromium"):
        assert need in run_sh and need in readme, need
    internet = readme.split("## Put it on the internet", 1)[1].split("\n## ", 1)[0]
    for step in ("reverse_proxy 127.0.0.1:8080", "paisano telegram set-webhook",
                 "/webhooks/whatsapp", "/webhooks/sms", "paisano doctor", "paisano purge"):
        assert step in internet, step
