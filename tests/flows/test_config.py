"""The config file is validated once, with messages that name the key and the fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flows.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "veille.example.toml"

BASE = """
[watch]
data_dir = "out"
[[brands]]
id = "orbis"
name = "Orbis"
[[sources]]
name = "orbis-blog"
type = "feed"
url = "http://127.0.0.1:9/feed.xml"
brand = "orbis"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "veille.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_is_valid():
    cfg = load_config(EXAMPLE)
    assert {s.type for s in cfg.sources} == {"feed", "reviews", "sitemap", "mastodon", "bluesky"}
    assert [b.id for b in cfg.brands if b.own] == ["nova"]


def test_channel_defaults_by_type(tmp_path):
    cfg = load_config(write(tmp_path, BASE))
    assert cfg.sources[0].resolved_channel() == "blog"
    assert cfg.as_plain()["sources"][0]["channel"] == "blog"


def test_data_dir_is_relative_to_the_config_file(tmp_path):
    cfg = load_config(write(tmp_path, BASE))
    assert cfg.data_dir(tmp_path) == tmp_path / "out"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('[[sources]]\nname = "x"\ntype = "rss"\nurl = "http://a"\n', ["sources[1].type", "'rss'", "'feed'"]),
        ('[[sources]]\nname = "x"\ntype = "feed"\nurl = "http://a"\nbrand = "nobody"\n',
         ["sources[1].brand", "'nobody'", "[[brands]]"]),
        ('[[sources]]\nname = "orbis-blog"\ntype = "feed"\nurl = "http://a"\n',
         ["sources[1].name", "'orbis-blog'", "used twice"]),
        ('[[sources]]\nname = "m"\ntype = "mastodon"\naccounts = ["@a@b"]\n', ["instance"]),
        ("[digest]\nlanguage = \"de\"\n", ["digest.language", "'de'"]),
        ("[watch2]\nx = 1\n", ["watch2", "remove it"]),
    ],
)
def test_invalid_config_names_the_key_and_the_fix(tmp_path, extra, expected):
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, BASE + extra))
    for fragment in expected:
        assert fragment in str(exc.value)


def test_missing_file_says_how_to_start(tmp_path):
    with pytest.raises(ConfigError, match="veille.example.toml"):
        load_config(tmp_path / "nope.toml")


def test_bad_toml_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[watch\nname=1"))


@pytest.mark.parametrize("command", [["check"], ["run"], ["crawl"]])
def test_cli_exits_2_before_any_work(tmp_path, command):
    path = write(tmp_path, BASE + '[[sources]]\nname = "x"\ntype = "rss"\nurl = "http://a"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", *command, "--config", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "sources[1].type" in proc.stderr
    assert not (tmp_path / "out").exists()  # nothing was created: no work started


def test_a_bluesky_source_with_only_hashtags_is_refused(tmp_path):
    path = tmp_path / "veille.toml"
    path.write_text(
        '[[brands]]\nid = "a"\nname = "A"\n'
        '[[sources]]\nname = "bsky"\ntype = "bluesky"\nhashtags = ["fibre"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "sources[0]" in str(err.value) and "accounts" in str(err.value)
