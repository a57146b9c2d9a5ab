"""One chromium for every PDF of a build: pages printed in one browser, not one launch each.

Launching chromium costs about a second, and most of a report's PDF export was that
launch. A `Printer` starts playwright and the browser once, on the first page, in a
thread of its own that runs their asyncio loop; report threads hand it pages to
print and wait for the bytes, each page in its own browser tab, several at once.

    with Printer(executable="/usr/bin/chromium") as printer:
        pdf = printer.print_file(Path("report.html"), footer=FOOTER)

playwright's objects belong to the loop that made them, so every call goes
through that loop (asyncio.run_coroutine_threadsafe). The browser is Debian's
system chromium: playwright's own download is blocked on the machines we run on.
"""
from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from types import TracebackType

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--font-render-hinting=none",
]
#: Milliseconds a page gets after `load` for its fonts and images to settle.
RENDER_WAIT_MS = 200


class Printer:
    """A chromium that prints HTML files to A4 PDF, started on first use, shared by threads."""

    def __init__(self, executable: str = "", args: list[str] | None = None) -> None:
        self.executable = executable
        self.args = CHROMIUM_ARGS + list(args or [])
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pdf-printer",
                                        daemon=True)
        self._thread.start()
        self._started = threading.Lock()
        self._pw = self._browser = None

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> Printer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _run(self, coro):  # noqa: ANN001, ANN202 - a coroutine, its result
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    async def _launch(self) -> None:
        from playwright.async_api import async_playwright

        self._pw = await async_playwright().start()
        try:
            self._browser = await self._pw.chromium.launch(
                executable_path=self.executable or None, args=self.args,
                handle_sigint=False, handle_sigterm=False, handle_sighup=False)
        except Exception as exc:  # noqa: BLE001 - any launch failure gets the same advice
            await self._pw.stop()
            self._pw = None
            raise RuntimeError(
                f"cannot start chromium ({self.executable or 'playwright default'}): {exc}. "
                "Install it with `make system-deps` (Debian package chromium) or render HTML "
                "only with --format html") from exc

    def _ensure_browser(self) -> None:
        with self._started:
            if self._browser is None:
                self._run(self._launch())

    async def _shutdown(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._pw is not None:
            await self._pw.stop()
        self._browser = self._pw = None

    def close(self) -> None:
        """Close the browser and stop the loop's thread (also when nothing was printed)."""
        if self._thread.is_alive():
            self._run(self._shutdown())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    # ------------------------------------------------------------- printing
    async def _print(self, uri: str, footer: str) -> bytes:
        page = await self._browser.new_page()
        try:
            await page.emulate_media(media="print")
            await page.goto(uri, wait_until="load")
            await page.wait_for_timeout(RENDER_WAIT_MS)
            return await page.pdf(format="A4", print_background=True, prefer_css_page_size=True,
                                  display_header_footer=True, header_template="<span></span>",
                                  footer_template=footer)
        finally:
            await page.close()

    def print_file(self, path: Path, footer: str) -> bytes:
        """The PDF of the HTML file at `path` (A4, backgrounds, `footer` on every page)."""
        self._ensure_browser()
        return self._run(self._print(path.resolve().as_uri(), footer))
