/* site.js: the page behaviour every template relies on, loaded by core/templates/core/base.html
 * after htmx. Plain JavaScript, no dependencies.
 *
 * 1. An htmx request refused with a 4xx: its message is shown next to the field it concerns
 *    (our JSON error body {"detail": …, "errors": {field: […]}}), or the HTML fragment the server
 *    wrote for the target is swapped in; a 5xx or a lost connection says so next to the element.
 * 2. [data-countdown] (获取验证码): after a success the element waits data-countdown seconds; after
 *    a refusal with Retry-After it waits the seconds the server says ("60 秒后重新获取").
 * 3. An htmx request whose session has expired: the server answers with HX-Redirect to the login
 *    page (core.middleware.HtmxLoginMiddleware, for every 401 outside /api/, where no page sends
 *    htmx), which htmx follows before any handler here sees the answer.
 * 4. <form data-confirm="…">, or a submit button / link / htmx element with data-confirm, asks
 *    window.confirm(text) first and does nothing when cancelled.
 */
(function () {
  "use strict";

  var ERROR_CLASS = "htmx-error";
  var GENERIC = {
    400: "提交的信息有误，请按提示修改。",
    403: "没有权限执行此操作。",
    404: "未找到，页面可能已过期，请刷新后重试。",
    409: "数据已被他人修改，请刷新后重试。",
    413: "提交的内容过大。",
    429: "操作过于频繁，请稍后再试。"
  };

  function closestField(el) {
    return el && el.closest ? el.closest(".field") : null;
  }

  function formOf(el) {
    if (!el) return null;
    if (el.tagName === "FORM") return el;
    return el.form || (el.closest ? el.closest("form") : null);
  }

  function fieldInput(scope, name) {
    var form = formOf(scope);
    var found = null;
    if (form && form.elements) {
      found = form.elements.namedItem(name);
      if (found && found.length !== undefined && !found.tagName) found = found[0];
    }
    found = found || document.getElementById("id_" + name);
    return found && found.type !== "hidden" ? found : null; // a hidden input cannot show a message
  }

  var counter = 0;

  function describe(input, id) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) < 0) ids.push(id);
    input.setAttribute("aria-describedby", ids.join(" "));
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(input.tagName)) input.setAttribute("aria-invalid", "true");
  }

  /* One message next to a field: inside its .field block (replacing the block's old messages). */
  function showFieldError(input, messages) {
    var box = closestField(input);
    var note = document.createElement("div");
    note.className = "error " + ERROR_CLASS;
    note.setAttribute("role", "alert");
    note.id = "htmx-error-" + ++counter;
    note.textContent = messages.join(" ");
    if (box) {
      Array.prototype.forEach.call(box.querySelectorAll(":scope > .error"), function (old) {
        old.remove();
      });
      box.classList.add("has-error");
      box.setAttribute("data-htmx-error", "");
      box.appendChild(note);
    } else {
      input.insertAdjacentElement("afterend", note);
    }
    describe(input, note.id);
    return note;
  }

  /* A message that belongs to no field: next to the element that sent the request. */
  function showNearError(elt, message) {
    var note = document.createElement("div");
    note.className = "alert alert-error " + ERROR_CLASS;
    note.setAttribute("role", "alert");
    note.id = "htmx-error-" + ++counter;
    note.textContent = message;
    var box = closestField(elt);
    if (box) {
      box.appendChild(note);
    } else {
      var anchor = (elt.closest && elt.closest(".actions, .inline-fields")) || elt;
      anchor.insertAdjacentElement("afterend", note);
    }
    if (elt.setAttribute && elt.tagName !== "FORM") describe(elt, note.id);
    return note;
  }

  /* The messages shown for an element's last request go when it sends the next one. */
  function remember(elt, note) {
    if (!elt) return note;
    elt._htmxErrors = (elt._htmxErrors || []).concat([note]);
    return note;
  }

  function clearErrors(elt) {
    var notes = (elt && elt._htmxErrors) || [];
    if (elt) elt._htmxErrors = [];
    notes.forEach(function (note) {
      var described = document.querySelectorAll('[aria-describedby~="' + note.id + '"]');
      Array.prototype.forEach.call(described, function (input) {
        var rest = input
          .getAttribute("aria-describedby")
          .split(/\s+/)
          .filter(function (id) {
            return id && id !== note.id;
          });
        if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
        else input.removeAttribute("aria-describedby");
        input.removeAttribute("aria-invalid");
      });
      var box = note.parentNode && note.parentNode.closest ? note.parentNode.closest("[data-htmx-error]") : null;
      note.remove();
      if (box && !box.querySelector(".error")) {
        box.classList.remove("has-error");
        box.removeAttribute("data-htmx-error");
      }
    });
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  /* The text people would read on a full error page (its heading and first paragraph). */
  function pageMessage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var main = doc.querySelector("main") || doc.body;
    if (!main) return "";
    var parts = [];
    var h1 = main.querySelector("h1");
    var p = main.querySelector("p");
    if (h1) parts.push(h1.textContent.trim());
    if (p) parts.push(p.textContent.trim());
    return parts.join("：");
  }

  function showResponseErrors(elt, xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    var text = xhr.responseText || "";
    var body = type.indexOf("json") >= 0 ? parseJson(text) : null;
    var first = null;
    if (body && typeof body === "object") {
      var errors = body.errors || {};
      var leftover = [];
      Object.keys(errors).forEach(function (name) {
        var messages = [].concat(errors[name] || []);
        if (!messages.length) return;
        var input = name === "__all__" ? null : fieldInput(elt, name);
        if (input) {
          var shown = remember(elt, showFieldError(input, messages));
          first = first || shown;
        } else leftover = leftover.concat(messages);
      });
      if (leftover.length) {
        var near = remember(elt, showNearError(elt, leftover.join(" ")));
        first = first || near;
      } else if (!first) {
        first = remember(elt, showNearError(elt, body.detail || GENERIC[xhr.status] || "请求无法处理。"));
      }
    } else {
      var message = pageMessage(text) || GENERIC[xhr.status] || "请求无法处理，请刷新后重试。";
      first = remember(elt, showNearError(elt, message));
    }
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "nearest" });
  }

  function isFullPage(text) {
    return /^\s*(<!doctype|<html)/i.test(text || "");
  }

  /* --- 2. countdown ------------------------------------------------------------------------ */

  function countdown(button, seconds) {
    seconds = Math.ceil(Number(seconds));
    if (!button || !(seconds > 0)) return;
    if (button._countdown) clearInterval(button._countdown);
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent.trim());
    var template = button.getAttribute("data-countdown-text") || "{n} 秒后重新获取";
    var left = seconds;
    var tick = function () {
      if (left <= 0) {
        clearInterval(button._countdown);
        button._countdown = null;
        button.disabled = false;
        button.removeAttribute("aria-disabled");
        button.textContent = button.getAttribute("data-label");
        return;
      }
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
      button.textContent = template.replace("{n}", String(left));
      left -= 1;
    };
    tick();
    button._countdown = setInterval(tick, 1000);
  }

  /* --- htmx events -------------------------------------------------------------------------- */

  function trigger(detail, evt) {
    return (detail.requestConfig && detail.requestConfig.elt) || detail.elt || evt.target;
  }

  document.addEventListener("htmx:beforeRequest", function (evt) {
    clearErrors(trigger(evt.detail, evt));
  });

  document.addEventListener("htmx:beforeSwap", function (evt) {
    var detail = evt.detail;
    var xhr = detail.xhr;
    var elt = trigger(detail, evt);
    var status = xhr.status;
    var counting = elt && elt.closest ? elt.closest("[data-countdown]") : null;
    if (counting) {
      var wait = xhr.getResponseHeader("Retry-After");
      if (status >= 200 && status < 300) countdown(counting, counting.getAttribute("data-countdown"));
      else if (wait && /^\d+$/.test(wait)) countdown(counting, wait);
    }
    if (status >= 400 && status < 500) {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("text/html") >= 0 && !isFullPage(xhr.responseText)) {
        detail.shouldSwap = true; // the server wrote this fragment for its target
        detail.isError = false;
      } else {
        detail.shouldSwap = false;
        showResponseErrors(elt, xhr);
      }
    } else if (status >= 500) {
      detail.shouldSwap = false;
      remember(elt, showNearError(elt, "服务器暂时无法处理，请稍后再试；如一直出现，请联系技术支持。"));
    }
  });

  document.addEventListener("htmx:sendError", function (evt) {
    var elt = trigger(evt.detail, evt);
    remember(elt, showNearError(elt, "网络连接失败，请检查网络后重试。"));
  });

  document.addEventListener("htmx:timeout", function (evt) {
    var elt = trigger(evt.detail, evt);
    remember(elt, showNearError(elt, "服务器响应超时，请稍后再试。"));
  });

  /* --- 4. data-confirm ---------------------------------------------------------------------- */

  var HX_VERBS = ["hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete"];

  function hasHtmxVerb(el) {
    return HX_VERBS.some(function (name) {
      return el.hasAttribute(name);
    });
  }

  function refuse(evt) {
    evt.preventDefault();
    evt.stopImmediatePropagation();
  }

  document.addEventListener(
    "submit",
    function (evt) {
      var form = evt.target;
      var button = evt.submitter;
      var text =
        (button && button.getAttribute("data-confirm")) || (form.getAttribute && form.getAttribute("data-confirm"));
      if (text && !window.confirm(text)) refuse(evt);
    },
    true
  );

  document.addEventListener(
    "click",
    function (evt) {
      var el = evt.target.closest ? evt.target.closest("[data-confirm]") : null;
      if (!el || el.tagName === "FORM") return;
      var submits = (el.tagName === "BUTTON" && (el.type || "submit") === "submit") || (el.tagName === "INPUT" && el.type === "submit");
      if (submits && el.form && !hasHtmxVerb(el)) return; // the submit listener asks
      if (!window.confirm(el.getAttribute("data-confirm"))) refuse(evt);
    },
    true
  );

  /* A page rendered after a refusal without JavaScript's help may ask to continue a countdown. */
  function startPending() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-countdown-start]"), function (el) {
      countdown(el, el.getAttribute("data-countdown-start"));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPending);
  else startPending();

  window.site = { countdown: countdown, clearErrors: clearErrors, showResponseErrors: showResponseErrors };
})();
