// Loads descent.wasm (built by 'descent web') with Go's wasm_exec.js.
//
// The Go program reads its settings from descent.query: the page's own
// defaults (the data-descent-defaults attribute of <html>: embed.html starts
// with minimal controls) overridden by the page's URL (?scene=NAME, surface,
// expr, opt, start, camera, controls, autoplay, loop, ...). It calls
// descent.ready() once its first frame is drawn and descent.fail(text) when it
// cannot start; descent.state() then reports what the page shows.
//
// The program is fetched compressed where the host allows: a server that
// sends descent.wasm with a Content-Encoding (descent web -serve sends the
// .br or .gz file written beside it; so do hosts that serve precompressed
// files) is used as it is; otherwise the loader fetches descent.wasm.gz and
// decompresses it in the browser (DecompressionStream), and only without
// that falls back to the uncompressed file. The bytes are compiled while
// they arrive (WebAssembly.instantiateStreaming), with a fallback to
// instantiate for browsers or servers that cannot stream.
(function () {
  "use strict";
  var root = document.documentElement;
  var status = document.getElementById("descent-status");
  var message = document.getElementById("descent-message");
  var progress = document.getElementById("descent-progress");
  var percent = document.getElementById("descent-percent");
  var failed = false;
  var marks = {};

  // mark notes when a loading stage was reached (ms after the request).
  function mark(name) {
    marks[name] = Math.round(performance.now());
  }

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
    root.setAttribute("data-descent-error", title + (detail ? ": " + detail : ""));
  }

  // The query the program reads: the page's defaults, then the URL's
  // parameters (the URL wins).
  function query() {
    var defaults = root.getAttribute("data-descent-defaults") || "";
    var given = location.search.replace(/^\?/, "");
    var keys = {};
    given.split("&").forEach(function (p) {
      if (p) keys[decodeURIComponent(p.split("=")[0])] = true;
    });
    var parts = defaults.split("&").filter(function (p) {
      return p && !keys[decodeURIComponent(p.split("=")[0])];
    });
    if (given) parts.push(given);
    return parts.length ? "?" + parts.join("&") : "";
  }

  window.descent = {
    query: query(),
    marks: marks,
    // ready hides the loading indicator and notes when the first frame was drawn.
    ready: function () {
      mark("frame");
      var ms = marks.frame;
      root.setAttribute("data-first-frame-ms", String(ms));
      if (!failed) status.classList.add("hidden");
      if (new URLSearchParams(location.search).has("beacon")) {
        // Tests: tell the server, which timed the page's request.
        fetch("first-frame?ms=" + ms, { method: "POST" }).catch(function () {});
      }
      console.log("descent: first frame after " + ms + " ms (" + JSON.stringify(marks) + ")");
    },
    // fail shows why the program could not start.
    fail: function (detail) {
      fail("Descent cannot show this page", detail);
    },
    // state is replaced by the program: what the page shows (JSON).
    state: function () { return "{}"; },
  };

  // Ebiten draws with WebGL 2.
  if (!window.WebGL2RenderingContext) {
    fail("This page needs WebGL 2",
      "Your browser did not give it a WebGL 2 context. Try a current Firefox, Chrome, Edge or Safari, " +
      "and check that hardware acceleration (or WebGL) is not turned off in its settings.");
    return;
  }
  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    fail("This page needs WebAssembly", "Your browser does not run WebAssembly, or wasm_exec.js did not load.");
    return;
  }

  // The program's sizes, written into the page by descent web: the
  // progress bar's total.
  var sizes = { raw: 0, gz: 0 };
  var meta = document.querySelector('meta[name="descent-wasm"]');
  if (meta) {
    meta.content.split(/\s+/).forEach(function (kv) {
      var p = kv.split("=");
      if (p[0] in sizes) sizes[p[0]] = Number(p[1]) || 0;
    });
  }

  function show(got, total) {
    if (total > 0) {
      var pc = Math.min(100, Math.floor(100 * got / total));
      progress.style.width = pc + "%";
      percent.textContent = pc + "%";
      root.setAttribute("data-descent-progress", String(pc));
    } else {
      percent.textContent = (got / 1e6).toFixed(1) + " MB";
    }
  }

  // counted passes a byte stream on, showing how much of total arrived.
  function counted(body, total) {
    var got = 0;
    var reader = body.getReader();
    return new ReadableStream({
      pull: function (ctl) {
        return reader.read().then(function (r) {
          if (r.done) { show(total || got, total || got); ctl.close(); return; }
          got += r.value.length;
          show(got, total);
          ctl.enqueue(r.value);
        });
      },
      cancel: function (why) { return reader.cancel(why); },
    });
  }

  function wasmResponse(body) {
    return new Response(body, { headers: { "Content-Type": "application/wasm" } });
  }

  // program resolves to the program's bytes as a Response to compile.
  function program() {
    var streams = typeof ReadableStream === "function";
    return fetch("descent.wasm").then(function (resp) {
      if (!resp.ok) throw new Error("descent.wasm: HTTP " + resp.status);
      var enc = resp.headers.get("Content-Encoding");
      root.setAttribute("data-descent-encoding", enc || "none");
      if (enc || !resp.body || !streams) {
        // Sent compressed (the browser decompresses it: count the
        // decompressed bytes against the program's raw size), or no
        // streams to do better with.
        if (!resp.body || !streams) return resp;
        return wasmResponse(counted(resp.body, sizes.raw || Number(resp.headers.get("Content-Length"))));
      }
      if (typeof DecompressionStream !== "function") {
        return wasmResponse(counted(resp.body, Number(resp.headers.get("Content-Length")) || sizes.raw));
      }
      // Sent uncompressed: take the .gz beside it instead.
      resp.body.cancel();
      return fetch("descent.wasm.gz").then(function (gz) {
        if (!gz.ok || !gz.body) throw new Error("descent.wasm.gz: HTTP " + gz.status);
        var genc = gz.headers.get("Content-Encoding");
        root.setAttribute("data-descent-encoding", genc ? "gzip file, " + genc : "gzip file");
        if (genc) {
          // The host decompressed the .gz itself.
          return wasmResponse(counted(gz.body, sizes.raw));
        }
        var total = Number(gz.headers.get("Content-Length")) || sizes.gz;
        return wasmResponse(counted(gz.body, total).pipeThrough(new DecompressionStream("gzip")));
      }).catch(function (err) {
        console.log("descent: no usable descent.wasm.gz (" + err + "); loading descent.wasm");
        root.setAttribute("data-descent-encoding", "none");
        return fetch("descent.wasm").then(function (again) {
          if (!again.ok) throw new Error("descent.wasm: HTTP " + again.status);
          return wasmResponse(counted(again.body, Number(again.headers.get("Content-Length")) || sizes.raw));
        });
      });
    });
  }

  var go = new Go();
  var exit = go.exit;
  go.exit = function (code) {
    if (code !== 0 && !failed) fail("Descent stopped", "exit status " + code + " (see the browser console)");
    if (exit) exit.call(go, code);
  };
  mark("start");
  program().then(function (resp) {
    mark("response");
    if (WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(resp, go.importObject).catch(function (err) {
        // A response that cannot stream (e.g. read already): compile the bytes.
        console.log("descent: streaming compilation failed (" + err + "); compiling the bytes");
        return fetch("descent.wasm").then(function (r) { return r.arrayBuffer(); }).then(function (b) {
          return WebAssembly.instantiate(b, go.importObject);
        });
      });
    }
    return resp.arrayBuffer().then(function (bytes) {
      return WebAssembly.instantiate(bytes, go.importObject);
    });
  }).then(function (result) {
    mark("compiled");
    message.textContent = "Starting…";
    show(1, 1);
    return go.run(result.instance);
  }).catch(function (err) {
    fail("Descent could not load", String(err && err.message || err));
  });
})();
