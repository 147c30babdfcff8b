"""The digest in a real browser: headless Chromium at desktop and phone widths, no side scroll."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import digest
from tests.digest.conftest import AS_OF

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
# Headless Chromium will not size a window under 500 px, so the page is laid out in an
# iframe of the wanted width and measured from inside it.
_MIN_WINDOW = 500
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--virtual-time-budget=5000"]
_MEASURE = """
<script>
addEventListener('load', () => {
  const frame = document.getElementById('digest');
  const doc = frame.contentDocument.documentElement;
  document.body.setAttribute('data-measure', JSON.stringify({
    scrollWidth: doc.scrollWidth, innerWidth: frame.contentWindow.innerWidth,
    scrollHeight: doc.scrollHeight}));
});
</script>"""

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="needs Debian's chromium: apt-get install -y chromium")


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    proc = subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _frame_page(page: str, width: int, height: int) -> str:
    # srcdoc keeps the frame same-origin, so the measuring script may read it.
    return (f'<!DOCTYPE html><html><body style="margin:0">'
            f'<iframe id="digest" style="border:0;display:block;width:{width}px;height:{height}px"'
            f' srcdoc="{html.escape(page, quote=True)}"></iframe>{_MEASURE}</body></html>')


def render(page: str, width: int, tmp_path: Path) -> tuple[dict, Path]:
    """Lay the page out at `width` px; return its measures and a full-height PNG screenshot."""
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(_frame_page(page, width, 2000), encoding="utf-8")
    dom = _chromium(tmp_path, f"--window-size={max(width, _MIN_WINDOW)},2000", "--dump-dom",
                    probe.as_uri())
    found = re.search(r'data-measure="([^"]+)"', dom)
    assert found, "the measuring script did not run"
    measure = json.loads(html.unescape(found.group(1)))
    height = measure["scrollHeight"]
    shot_page = tmp_path / f"shot-{width}.html"
    shot_page.write_text(_frame_page(page, width, height), encoding="utf-8")
    png = tmp_path / f"digest-{width}.png"
    _chromium(tmp_path, f"--window-size={max(width, _MIN_WINDOW)},{height}",
              f"--screenshot={png}", shot_page.as_uri())
    with Image.open(png) as full:
        full.crop((0, 0, width, height)).save(png)
    return measure, png


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    import duckdb

    from tests.digest.conftest import make_warehouse

    db = make_warehouse(tmp_path_factory.mktemp("wh") / "veille.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    built = digest.build(con, as_of=AS_OF, watch_name="Télécoms FR",
                         failed_sources=[{"source": "bluesky-nova", "error": "HTTP 503 " * 20}],
                         metric_version="2026.11-1")
    con.close()
    return digest.html_for_browser(built)


@pytest.mark.parametrize("width", [1200, 390])
def test_digest_has_no_horizontal_overflow(page, width, tmp_path):
    measure, png = render(page, width, tmp_path)
    assert measure["innerWidth"] == width
    assert measure["scrollWidth"] <= measure["innerWidth"], measure
    with Image.open(png) as shot:
        assert shot.size == (width, measure["scrollHeight"])
        # A blank screenshot would pass the overflow check: the page must have drawn.
        assert len(set(shot.convert("L").resize((60, 60)).getdata())) > 10
    if os.environ.get("VEILLE_UPDATE_IMAGES"):
        IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(png, IMAGES / f"digest-{width}.png")
