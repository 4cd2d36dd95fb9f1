"""The HTML report in a real browser: headless Chromium driven through chromedriver.

Chromium comes from the Debian packages chromium and chromium-driver. With
FACTCLI_INSTALL_BROWSER=1 (set by .ci/run) the fixture installs them through
apt-get when they are missing; otherwise these tests are skipped, saying why.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.render.report import in_quote_marks

from .conftest import MINI, apt_install

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,900",
]


def _find_browser() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium session, or a skip naming what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    found = _find_browser()
    if found is None:
        why = apt_install("FACTCLI_INSTALL_BROWSER", "chromium", "chromium-driver")
        found = _find_browser()
        if found is None:
            pytest.skip(
                "headless Chromium is not installed (Debian packages chromium and "
                f"chromium-driver): {why or 'not found after installing'}"
            )
    chromium, driver_path = found
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    from selenium.webdriver.chrome.service import Service

    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def _write_report(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "-o", str(target), *args])
    assert result.exit_code == 0, result.stderr
    return target


def _open(browser: Any, page: Path) -> set[str]:
    """Load the page; the addresses it requested (the browser's own pages excluded)."""
    browser.get_log("performance")  # forget what came before
    url = page.as_uri()
    browser.get(url)
    requested = set()
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent" and params.get("documentURL") == url:
            requested.add(message["params"]["request"]["url"])
    return requested


def _script(browser: Any, code: str) -> Any:
    return browser.execute_script(code)


def test_report_renders_with_its_styles_and_requests_nothing_else(
    browser: Any, tmp_path: Path
) -> None:
    page = _write_report(tmp_path)
    assert _open(browser, page) == {page.as_uri()}
    assert browser.title == "Visits and related events"
    assert _script(browser, "return document.querySelectorAll('article').length") == 18
    assert _script(browser, "return document.querySelectorAll('table').length") > 18
    header_colour = _script(
        browser, "return getComputedStyle(document.querySelector('th')).backgroundColor"
    )
    assert header_colour == "rgb(243, 243, 243)"  # the inline style sheet applied
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # no blocked request, no Content-Security-Policy violation


def test_every_citation_link_lands_on_its_source(browser: Any, tmp_path: Path) -> None:
    _open(browser, _write_report(tmp_path))
    missing = _script(
        browser,
        """return [...document.querySelectorAll('a[href^="#"]')]
             .map(a => a.getAttribute('href').slice(1))
             .filter(id => !document.getElementById(id));""",
    )
    assert missing == []
    from selenium.webdriver.common.by import By

    link = browser.find_element(By.CSS_SELECTOR, 'sup.cite a[href="#source-2"]')
    link.click()
    assert _script(browser, "return location.hash") == "#source-2"
    target = _script(browser, "return document.querySelector(':target').textContent")
    assert "published" in target
    quoted = link.get_attribute("title")
    assert quoted.startswith("“")  # the quoted words show on hover
    browser.find_element(
        By.LINK_TEXT, "Visit to Moscow (“private”, per the Russian embassy)"
    ).click()
    assert _script(browser, "return document.querySelector(':target').id") == (
        "record-2022-07-moscow"
    )


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


def test_hostile_fact_text_fetches_nothing(browser: Any, tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_port}"
    base = tmp_path / "facts"
    shutil.copytree(MINI, base)
    visit = base / "visits" / "2020-03-springfield.toml"
    hostile = f"<img src='{address}/img'><script src='{address}/js'></script>"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("for the Harvest Fair.", hostile), encoding="utf-8")
    try:
        page = _write_report(tmp_path, "-d", str(base))
        assert _open(browser, page) == {page.as_uri()}
        body = _script(browser, "return document.body.innerText")
        assert f"<img src='{address}/img'>" in body  # shown as text, not made an element
        assert _script(browser, "return document.images.length") == 0
        assert _Recorder.hits == []
    finally:
        server.shutdown()


def _every_record_quote() -> list[str]:
    """Every quote a claim of a visit or event rests on: what the report must print."""
    from factcli.model.claims import record_claims
    from factcli.model.loader import load_directory

    from .conftest import FACTS

    facts = load_directory(FACTS).facts
    return sorted(
        {c.quote for record in facts.items() for claim in record_claims(record) for c in claim.cite}
    )


def _page_text(browser: Any) -> str:
    return " ".join(str(_script(browser, "return document.body.innerText")).split())


def _phone(browser: Any, width: int = 390) -> None:
    # A headless window is never narrower than 500 px: emulate the phone's screen instead.
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 3, "mobile": True},
    )


def _desktop(browser: Any) -> None:
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_every_quote_is_in_the_page_text_not_only_on_hover(browser: Any, tmp_path: Path) -> None:
    _desktop(browser)
    _open(browser, _write_report(tmp_path))
    text = _page_text(browser)
    # A quote opening with a quotation mark of its own is shown as it is, not inside another pair.
    missing = [q for q in _every_record_quote() if in_quote_marks(" ".join(q.split())) not in text]
    assert missing == []


def test_the_report_has_contents_and_a_visual_timeline(browser: Any, tmp_path: Path) -> None:
    _desktop(browser)
    _open(browser, _write_report(tmp_path))
    contents = _script(
        browser, "return [...document.querySelectorAll('nav.contents a')].map(a => a.hash)"
    )
    assert contents[0] == "#timeline" and "#record-2022-07-moscow" in contents
    assert contents[-1] == "#sources"
    visits = _script(browser, "return document.querySelectorAll('ol.timeline li.visit').length")
    events = _script(browser, "return document.querySelectorAll('ol.timeline li.event').length")
    assert (visits, events) == (3, 15)
    # The markers are drawn: a visit's is a red diamond, an event's a round dot.
    marker = _script(
        browser,
        """const s = getComputedStyle(document.querySelector('ol.timeline li.visit'), '::before');
           return [s.backgroundColor, s.transform !== 'none', s.width];""",
    )
    assert marker[0] == "rgb(178, 34, 34)" and marker[1] and marker[2] != "auto"


def test_the_report_fits_a_390_pixel_phone_without_sideways_scrolling(
    browser: Any, tmp_path: Path
) -> None:
    page = _write_report(tmp_path)
    _phone(browser)
    try:
        _open(browser, page)
        assert _script(browser, "return window.innerWidth") == 390
        widths = _script(
            browser,
            "return [document.documentElement.scrollWidth, document.body.scrollWidth]",
        )
        assert max(widths) <= 390, widths
        too_wide = _script(
            browser,
            """return [...document.querySelectorAll('main *')]
                 .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                 .slice(0, 5).map(e => e.tagName + ': ' + e.textContent.slice(0, 60));""",
        )
        assert too_wide == []
        # Rows become cards that name each value's column.
        label = _script(
            browser,
            "return getComputedStyle(document.querySelector('td[data-label]'), '::before').content",
        )
        assert label.startswith('"') and label.endswith(': "')
    finally:
        _desktop(browser)


def test_the_report_prints_with_its_quotes(browser: Any, tmp_path: Path) -> None:
    page = _write_report(tmp_path)
    _desktop(browser)
    _open(browser, page)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert _script(browser, "return matchMedia('print').matches") is True
        text = _page_text(browser)
        assert all(in_quote_marks(" ".join(q.split())) in text for q in _every_record_quote())
        hidden = _script(
            browser,
            """return [...document.querySelectorAll('.quote')]
                 .filter(e => getComputedStyle(e).display === 'none').length""",
        )
        assert hidden == 0
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.7})
        assert len(pdf["data"]) > 10_000
    finally:
        _desktop(browser)
