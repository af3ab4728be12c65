// Loads descent.wasm (built by 'descent web') with Go's wasm_exec.js.
// The Go program reads its settings from this page's URL (?scene=NAME,
// surface, expr, opt, start, camera, rotate, hud, view, layout, ...), calls
// descent.ready() once its first frame is drawn and descent.fail(text) when
// it cannot start.
(function () {
  "use strict";
  var status = document.getElementById("descent-status");
  var message = document.getElementById("descent-message");
  var progress = document.getElementById("descent-progress");
  var started = performance.now();
  var failed = false;

  function fail(title, detail) {
    failed = true;
    status.classList.remove("hidden");
    status.classList.add("error");
    message.textContent = "";
    var h = document.createElement("h1");
    h.textContent = title;
    message.appendChild(h);
    if (detail) {
      var pre = document.createElement("pre");
      pre.textContent = detail;
      message.appendChild(pre);
    }
    document.documentElement.setAttribute("data-descent-error", title + (detail ? ": " + detail : ""));
  }

  window.descent = {
    // ready hides the loading indicator and notes when the first frame was drawn.
    ready: function () {
      var ms = Math.round(performance.now());
      document.documentElement.setAttribute("data-first-frame-ms", String(ms));
      if (!failed) status.classList.add("hidden");
      var q = new URLSearchParams(location.search);
      if (q.has("beacon")) {
        fetch("first-frame?ms=" + ms, { method: "POST" }).catch(function () {});
      }
      console.log("descent: first frame after " + ms + " ms");
    },
    // fail shows why the program could not start.
    fail: function (detail) {
      fail("Descent cannot show this page", detail);
    },
  };

  // Ebiten draws with WebGL 2.
  var probe = document.createElement("canvas");
  var gl = null;
  try { gl = probe.getContext("webgl2"); } catch (e) { gl = null; }
  if (!gl) {
    fail("This page needs WebGL 2",
      "Your browser did not give it a WebGL 2 context. Try a current Firefox, Chrome, Edge or Safari, " +
      "and check that hardware acceleration (or WebGL) is not turned off in its settings.");
    return;
  }
  var lose = gl.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();
  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    fail("This page needs WebAssembly", "Your browser does not run WebAssembly, or wasm_exec.js did not load.");
    return;
  }

  // Fetch with a progress bar and compile while the bytes arrive
  // (instantiateStreaming), then run. A server that does not send .wasm as
  // application/wasm is handled too: the response is re-wrapped.
  function counted(resp) {
    var total = Number(resp.headers.get("Content-Length")) || 0;
    var got = 0;
    var reader = resp.body.getReader();
    var stream = new ReadableStream({
      pull: function (ctl) {
        return reader.read().then(function (r) {
          if (r.done) { ctl.close(); return; }
          got += r.value.length;
          if (total) {
            progress.style.width = Math.min(100, 100 * got / total).toFixed(1) + "%";
            message.textContent = "Loading Descent… " + (got / 1e6).toFixed(1) + " of " + (total / 1e6).toFixed(1) + " MB";
          } else {
            message.textContent = "Loading Descent… " + (got / 1e6).toFixed(1) + " MB";
          }
          ctl.enqueue(r.value);
        });
      },
    });
    return new Response(stream, { headers: { "Content-Type": "application/wasm" } });
  }

  var go = new Go();
  var exit = go.exit;
  go.exit = function (code) {
    if (code !== 0 && !failed) fail("Descent stopped", "exit status " + code + " (see the browser console)");
    if (exit) exit.call(go, code);
  };
  fetch("descent.wasm").then(function (resp) {
    if (!resp.ok) throw new Error("descent.wasm: HTTP " + resp.status);
    if (resp.body && typeof ReadableStream === "function" && WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(counted(resp), go.importObject);
    }
    return resp.arrayBuffer().then(function (bytes) {
      return WebAssembly.instantiate(bytes, go.importObject);
    });
  }).then(function (result) {
    message.textContent = "Starting…";
    progress.style.width = "100%";
    return go.run(result.instance);
  }).catch(function (err) {
    fail("Descent could not load", String(err && err.message || err));
  });
  console.log("descent: loader started at " + Math.round(started) + " ms");
})();
