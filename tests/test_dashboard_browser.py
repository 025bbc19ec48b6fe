"""The dashboard in a real browser: Debian's headless Chromium, driven by
Selenium through Debian's chromedriver, against `eventcoder serve`'s app on a
loopback port with a small database.

It loads the page, applies a filter, checks that the table, the timeline, the
actor chart, the dyad network and the map show the expected counts, opens an
event and its article, checks that an article written to attack the page shows
as plain text, and saves screenshots under test-artifacts/.

Skips cleanly without /usr/bin/chromium and chromedriver (scripts/install-test-deps.sh
installs them) or without the dashboard's libraries (scripts/install-web.sh).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from eventcoder.api.web import default_web_dir, missing_assets
from test_api_fakes import IMG, SCRIPT, build_db

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path(shutil.which("chromedriver") or "/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1400,1900")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
                       reason="needs Debian's chromium and chromium-driver "
                              "(bash scripts/install-test-deps.sh)"),
    pytest.mark.skipif(bool(missing_assets(default_web_dir())),
                       reason="the dashboard's libraries are not installed "
                              "(bash scripts/install-web.sh)"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The app served by uvicorn on a loopback port, in a thread."""
    import uvicorn

    from eventcoder.api import create_app

    db = build_db(tmp_path_factory.mktemp("browser") / "events.duckdb")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    pytest.importorskip("selenium", reason="the test extra installs selenium")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _loads(driver) -> int:
    return int(driver.execute_script("return Number(document.body.dataset.loads || 0)"))


def _wait(driver, after: int) -> None:
    """Until the page has finished a load that began after ``after`` loads."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return document.body.dataset.status === 'ready' && "
        "Number(document.body.dataset.loads || 0) > arguments[0]", after))


def _notice(driver) -> str:
    return driver.execute_script(
        "const n = document.getElementById('notice'); return n.hidden ? '' : n.textContent")


def _shot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


CHART_TOTAL = """
const chart = Chart.getChart(arguments[0]);
return chart.data.datasets.map(d => d.data.reduce((a, b) => a + b, 0));
"""


def test_dashboard_filters_charts_and_events(base_url, browser):
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/")
    _wait(browser, 0)
    assert _notice(browser) == ""
    assert browser.find_element(By.ID, "summary").get_attribute("data-total") == "7"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 7
    _shot(browser, "dashboard-all.png")

    loads = _loads(browser)
    country = browser.find_element(By.NAME, "country")
    country.send_keys("nga")
    browser.find_element(By.ID, "apply").click()
    _wait(browser, loads)
    assert "country=NGA" in browser.current_url
    assert browser.find_element(By.ID, "summary").get_attribute("data-total") == "2"
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == 2
    assert all("abducted" in r.text for r in rows)
    assert browser.execute_script(CHART_TOTAL, "timeline") == [0, 0, 0, 2]  # quad 4 only
    drawn = browser.execute_script("return Chart.getChart('timeline').getDatasetMeta(3).data"
                                   ".filter(bar => bar.height > 0).length")
    assert drawn == 2  # one bar a day
    actors = browser.execute_script(
        "const c = Chart.getChart('actors'); return [c.data.labels, c.data.datasets[0].data]")
    assert actors == [["NGACVL", "NGAREB"], [2, 2]]
    network = browser.execute_script(
        "const cy = window.eventcoder.cy; return [cy.nodes().length, cy.edges().length,"
        " cy.edges()[0].data('count')]")
    assert network == [2, 1, 2]
    assert browser.execute_script("return window.eventcoder.markers.getLayers().length") == 2
    assert browser.execute_script(
        "return document.querySelectorAll('#map path.leaflet-interactive').length") == 2
    _shot(browser, "dashboard.png")

    loads = _loads(browser)
    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    _wait(browser, loads)
    detail = browser.find_element(By.ID, "view-event")
    assert detail.is_displayed()
    assert "abducted" in detail.find_element(By.CSS_SELECTOR, ".evidence-block").text
    marks = {m.get_attribute("class") for m in detail.find_elements(By.CSS_SELECTOR, "mark")}
    assert {"hl-trigger", "hl-actor"} <= marks
    _shot(browser, "event.png")

    loads = _loads(browser)
    detail.find_element(By.ID, "article-link").click()
    _wait(browser, loads)
    text = browser.find_element(By.ID, "article-text")
    assert "abducted" in text.text
    assert text.find_elements(By.CSS_SELECTOR, "mark.hl-evidence.focus")
    assert _browser_errors(browser) == []


def test_untrusted_article_renders_as_text(base_url, browser):
    from selenium.webdriver.common.by import By

    loads = _loads(browser)
    browser.get(base_url + "/#/article/x1")
    _wait(browser, 0 if _loads(browser) < loads else loads)
    text = browser.find_element(By.ID, "article-text")
    assert SCRIPT in text.text and IMG in text.text  # shown as the characters they are
    assert "onerror=" in text.text
    assert browser.execute_script(
        "return document.querySelectorAll('#view-article script, #view-article img, "
        "#view-article b, #view-article i').length") == 0
    assert browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']") == []
    _shot(browser, "article-untrusted.png")

    loads = _loads(browser)
    browser.get(base_url + "/")  # the same data in the table, charts and map
    _wait(browser, 0)
    browser.execute_script("window.eventcoder.markers.eachLayer(m => m.openTooltip())")
    tooltips = browser.execute_script(
        "return [...document.querySelectorAll('.leaflet-tooltip')].map(t => t.textContent)")
    assert any("onerror=" in t for t in tooltips)
    assert browser.execute_script("return document.querySelectorAll('img[src=x], img[src=y], "
                                  "main script, td i, td b').length") == 0
    assert browser.execute_script("return window.__xss === undefined")


def test_code_an_article_form(base_url, browser, pipeline):
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/#/code")
    _wait(browser, 0)
    form = browser.find_element(By.ID, "code-form")
    form.find_element(By.NAME, "text").send_keys(
        "Russian Foreign Minister Sergei Lavrov met Syrian Foreign Minister Walid al-Moallem "
        f"in Moscow on Monday. {SCRIPT}")
    loads = _loads(browser)
    browser.find_element(By.ID, "code-submit").click()
    _wait(browser, loads)
    assert _notice(browser) == ""
    result = browser.find_element(By.ID, "code-result")
    assert "Lavrov" in result.find_element(By.ID, "article-text").text
    assert SCRIPT in result.find_element(By.ID, "article-text").text
    assert result.find_elements(By.CSS_SELECTOR, "table.events tbody tr[data-event-id]")
    assert browser.execute_script("return window.__xss === undefined")
    _shot(browser, "code.png")


def _browser_errors(driver) -> list[str]:
    """Console errors: a failed script, a blocked resource, a CSP violation."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
