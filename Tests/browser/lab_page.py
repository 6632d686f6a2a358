"""The JupyterLab page as the tests drive it: through the app's own commands
(`window.jupyterapp`, exposed by `--LabApp.expose_app_in_browser`), never by pixel clicks,
except the toolbar's stop button, which is clicked as a person would."""
import time

# Every script starts with this: the app and a way to find an open notebook by its path.
PRELUDE = """
const app = window.jupyterapp;
const panelOf = path => Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
const plain = v => Array.isArray(v) ? v.join('') : v;
"""

# An async script: runs `body` (which may await) and hands back {ok: value} or {error: text}.
ASYNC = PRELUDE + """
const done = arguments[arguments.length - 1];
(async () => { %s })().then(ok => done({ok: ok === undefined ? null : ok}), e => done({error: String(e && e.stack || e)}));
"""

# What the notebook's model holds: the kernel's status and, per cell, its count and outputs.
STATE = PRELUDE + """
const p = panelOf(arguments[0]);
if (!p) return null;
const session = p.sessionContext.session;
const cells = p.content.widgets.map(c => {
  if (c.model.type !== 'code') return {type: c.model.type, source: c.model.sharedModel.getSource()};
  const outputs = [];
  for (let i = 0; i < c.model.outputs.length; i++) {
    const o = c.model.outputs.get(i).toJSON();
    outputs.push({type: o.output_type, ename: o.ename || null, evalue: o.evalue || null,
                  mimes: Object.keys(o.data || {}), text: plain((o.data || {})['text/plain'] || o.text || '')});
  }
  const prompt = c.node.querySelector('.jp-InputPrompt');
  return {type: 'code', count: c.model.executionCount, prompt: prompt ? prompt.textContent : '', outputs};
});
return {status: p.sessionContext.kernelDisplayStatus, kernel: session && session.kernel ? session.kernel.name : null,
        dirty: p.context.model.dirty, cells};
"""

# What the page shows: every figure's <img>, every LaTeX output and every markdown cell's math.
SHOWN = PRELUDE + """
const p = panelOf(arguments[0]);
const all = sel => Array.from(p.content.node.querySelectorAll(sel));
// A figure is an image/png output, or the PNG inside a value's text/html (JupyterLab shows
// the richer HTML of values that carry both); an HTML table without an image is no figure.
const images = all('.jp-OutputArea-output[data-mime-type="image/png"], .jp-OutputArea-output[data-mime-type="text/html"]')
  .map(n => {
    const img = n.querySelector('img');
    if (!img && n.dataset.mimeType === 'text/html') return undefined;
    return img ? {complete: img.complete, width: img.naturalWidth, height: img.naturalHeight} : null;
  })
  .filter(i => i !== undefined);
const math = n => ({containers: n.querySelectorAll('mjx-container').length, raw: n.textContent.includes('$$')});
const latex = all('.jp-OutputArea-output[data-mime-type="text/latex"]').map(math);
const markdown = p.content.widgets.filter(c => c.model.type === 'markdown').map(c => {
  const rendered = c.node.querySelector('.jp-RenderedMarkdown');  // not the hidden editor's source
  return Object.assign(rendered ? math(rendered) : {containers: 0, raw: true}, {source: c.model.sharedModel.getSource()});
});
return {images, latex, markdown};
"""

# The live cell: its progress line (text) and its figure (the <img>'s data URL) as shown.
LIVE = PRELUDE + """
const p = panelOf(arguments[0]);
const cell = p.content.widgets[arguments[1]];
const texts = Array.from(cell.node.querySelectorAll('.jp-OutputArea-output[data-mime-type="text/plain"]'))
  .map(n => n.textContent);
const img = cell.node.querySelector('.jp-OutputArea-output[data-mime-type="image/png"] img');
return {texts, image: img ? img.src : null, decoded: img ? img.naturalWidth : 0};
"""


class LabPage:
    """One headless Chromium tab on a JupyterLab server."""

    def __init__(self, driver, lab):
        self.driver, self.lab = driver, lab

    def call(self, body, *args):
        """Runs an async script body in the page; raises with the page's error text."""
        answer = self.driver.execute_async_script(ASYNC % body, *args)
        if answer is None or "error" in answer:
            raise AssertionError("in the page: %s" % (answer or {}).get("error"))
        return answer["ok"]

    def wait(self, what, probe, timeout, interval=0.25):
        """Polls `probe` (which returns (done, what it saw)) until done; returns what it saw last,
        or fails naming `what` and the last sight."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            done, last = probe()
            if done:
                return last
            time.sleep(interval)
        raise AssertionError("timed out after %d s waiting for %s (last seen: %r)" % (timeout, what, last))

    def load(self, timeout=90):
        """Opens JupyterLab afresh (`?reset`: no workspace restored) and waits until it is restored."""
        self.driver.get(self.lab.url("/lab?reset"))
        self.wait("JupyterLab to start in the page",
                  lambda: (self.driver.execute_script("return !!(window.jupyterapp && window.jupyterapp.started)"), None),
                  timeout)
        self.call("await app.started; await app.restored; await app.serviceManager.kernelspecs.ready;")

    def open(self, path):
        self.call("await app.commands.execute('docmanager:open', {path: arguments[0], factory: 'Notebook'});"
                  "const p = panelOf(arguments[0]); await p.context.ready; await p.sessionContext.ready;"
                  "app.shell.activateById(p.id);", path)

    def new_notebook(self, kernel):
        """A new untitled notebook on `kernel`, active; returns its path."""
        return self.call("const p = await app.commands.execute('notebook:create-new', {kernelName: arguments[0]});"
                         "await p.context.ready; await p.sessionContext.ready; app.shell.activateById(p.id);"
                         "return p.context.path;", kernel)

    def command(self, path, command):
        """Runs a JupyterLab command on the notebook at `path` (made the current one first)."""
        self.call("const p = panelOf(arguments[0]); app.shell.activateById(p.id);"
                  "await app.commands.execute(arguments[1]);", path, command)

    def start(self, path, command):
        """Starts a command that runs cells (its promise ends with the cells, so it is not awaited);
        the tests then watch the notebook."""
        self.call("const p = panelOf(arguments[0]); app.shell.activateById(p.id);"
                  "app.commands.execute(arguments[1]).catch(e => console.error(e));", path, command)

    def set_active_source(self, path, source):
        self.call("const p = panelOf(arguments[0]); p.content.activeCell.model.sharedModel.setSource(arguments[1]);",
                  path, source)

    def state(self, path):
        return self.driver.execute_script(STATE, path)

    def shown(self, path):
        return self.driver.execute_script(SHOWN, path)

    def live(self, path, index):
        return self.driver.execute_script(LIVE, path, index)

    def wait_until_ran(self, path, timeout):
        """Waits until every code cell has a count, none shows [*] and the kernel is idle, on two
        looks in a row that agree (so no output still on its way is missed)."""
        previous = []

        def finished():
            state = self.state(path)
            code = [c for c in state["cells"] if c["type"] == "code"]
            ran = all(c["count"] is not None and "*" not in c["prompt"] for c in code)
            done = ran and state["status"] == "idle"
            settled = done and previous == [state]
            previous[:] = [state] if done else []
            return settled, state
        return self.wait("every cell of %s to run" % path, finished, timeout)

    def stop_button(self, path):
        """The stop (interrupt) button of this notebook's toolbar, as a WebElement."""
        return self.driver.execute_script(
            PRELUDE + "return panelOf(arguments[0]).toolbar.node.querySelector("
            "'[data-jp-item-name=\"interrupt\"] button, [data-jp-item-name=\"interrupt\"]');", path)

    def screenshot(self, path):
        self.driver.save_screenshot(path)

    def scroll_to(self, path, selector):
        """Scrolls the notebook so the first element matching `selector` is in view, if any."""
        self.driver.execute_script(
            PRELUDE + "const n = panelOf(arguments[0]).content.node.querySelector(arguments[1]);"
            "if (n) n.scrollIntoView({block: 'center'});", path, selector)

    def close(self, path):
        """Saves the notebook (so no dialog asks), shuts its kernel down and closes it."""
        self.call("const p = panelOf(arguments[0]); if (!p) return; app.shell.activateById(p.id);"
                  "await p.context.save(); await p.sessionContext.shutdown(); p.close();",
                  path)
