"""The report in a real browser (headless Chromium through selenium): no console
errors, no hostile script runs, one highlight element per mention.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromium``,
``/usr/bin/chromedriver``) and ``selenium``; skipped with the reason otherwise.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@pytest.fixture(scope="module")
def driver():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(
            "no browser: /usr/bin/chromium and /usr/bin/chromedriver are needed "
            "(apt-get install -y chromium chromium-driver)"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install selenium)"
    )
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="policytext-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_report(driver, path: Path) -> list[dict]:
    driver.get_log("browser")  # drop anything from before
    driver.get(path.resolve().as_uri())
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]


def test_sample_report_in_browser(driver, nlp, tmp_path):
    from selenium.webdriver.common.by import By

    from policytext.report import write_report

    out = tmp_path / "report.html"
    counts = write_report(SAMPLE, out, nlp=nlp)
    errors = open_report(driver, out)
    assert errors == []
    marks = driver.find_elements(By.CSS_SELECTOR, "mark.m")
    assert len(marks) == counts["mentions"] > 100
    # the inline script ran and counted the same
    assert driver.find_element(By.ID, "mention-count").text == str(counts["mentions"])
    # the legend toggles a label's highlight off
    box = driver.find_element(By.CSS_SELECTOR, "input[data-toggle-label='ORG']")
    box.click()
    assert "hide-ORG" in driver.find_element(By.TAG_NAME, "body").get_attribute("class")
    first = driver.find_element(By.CSS_SELECTOR, "mark.m-AMOUNT")
    assert first.get_attribute("title").startswith("AMOUNT: ")


def test_hostile_report_in_browser(driver, nlp, hostile_file, tmp_path):
    from selenium.webdriver.common.by import By

    from policytext.report import write_report

    out = tmp_path / "hostile.html"
    counts = write_report(hostile_file, out, nlp=nlp)
    driver.get("about:blank")
    errors = open_report(driver, out)
    assert errors == []
    assert driver.find_elements(By.TAG_NAME, "img") == []
    assert len(driver.find_elements(By.TAG_NAME, "script")) == 1
    assert len(driver.find_elements(By.CSS_SELECTOR, "mark.m")) == counts["mentions"] >= 3
    # no alert was raised by the document text
    assert "<img src=x onerror=alert(1)>" in driver.find_element(By.TAG_NAME, "main").text


def test_console_errors_are_seen(driver, tmp_path):
    """Control: the log the tests above check does catch a script error."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>notDefined();</script>", "utf-8")
    errors = open_report(driver, page)
    assert any("notDefined" in e.get("message", "") for e in errors)
