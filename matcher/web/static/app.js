// matcher: small progressive enhancements. Every form works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Regions follow the chosen country (profile form and directory filters).
  function refreshRegions(countrySelect) {
    var form = countrySelect.form;
    var region = form && form.querySelector("[data-region]");
    if (!region) { return; }
    var keep = region.value;
    var placeholder = region.options[0] ? region.options[0].cloneNode(true) : null;
    getJSON("/web/regions?country=" + encodeURIComponent(countrySelect.value)).then(function (data) {
      region.innerHTML = "";
      if (placeholder) { placeholder.selected = true; region.appendChild(placeholder); }
      data.items.forEach(function (item) {
        var option = el("option", "", item.name);
        option.value = item.code;
        if (item.code === keep) { option.selected = true; }
        region.appendChild(option);
      });
    }).catch(function () {});
  }

  // Tax id checked as the schema will check it, while typing; a late answer to an old value is dropped.
  var taxCheckSeq = 0;
  function checkTaxId(input) {
    var form = input.form;
    var country = form.querySelector("[data-country]");
    var out = document.getElementById(input.id + "-live");
    if (!out) { return; }
    if (!input.value.trim()) { out.textContent = ""; out.className = "live-check"; return; }
    var url = "/web/tax-id?country=" + encodeURIComponent(country ? country.value : "") +
      "&value=" + encodeURIComponent(input.value);
    var seq = ++taxCheckSeq;
    getJSON(url).then(function (data) {
      if (seq !== taxCheckSeq) { return; }
      out.textContent = data.valid ? "✓ " + data.value : data.message;
      out.className = "live-check " + (data.valid ? "ok" : "bad");
      input.setAttribute("aria-invalid", data.valid ? "false" : "true");
    }).catch(function () {});
  }
  var checkTaxIdSoon = debounce(checkTaxId, 400);

  // Code picker: search HS and NACE by words, or suggest from the block's own text.
  function itemOf(node) { return node.closest("[data-item]"); }

  function fieldOf(item, suffix) {
    return item.querySelector("[name$='-" + suffix + "']");
  }

  // The same code however it is written: «8436 80», «8436.80» and «843680»; «28,30» and «28.30».
  function sameCode(scheme, text) {
    var code = text.trim();
    return scheme === "hs" ? code.replace(/[\s.]/g, "") : code.replace(/,/g, ".").replace(/\s/g, "");
  }

  function addCode(item, scheme, code) {
    var input = fieldOf(item, scheme === "hs" ? "hs_codes" : "nace_codes");
    if (!input) { return; }
    var present = input.value.split(/[,;\n]+/).map(function (c) { return c.trim(); }).filter(Boolean);
    var known = present.some(function (c) { return sameCode(scheme, c) === code; });
    if (!known) { present.push(code); }  // appended: the user's own codes stay as typed
    input.value = present.join(", ");
  }

  function chosenCodes(item) {
    var chosen = {};
    ["hs", "nace"].forEach(function (scheme) {
      var input = fieldOf(item, scheme === "hs" ? "hs_codes" : "nace_codes");
      (input ? input.value : "").split(/[,;\n]+/).forEach(function (c) {
        if (c.trim()) { chosen[scheme + ":" + sameCode(scheme, c)] = true; }
      });
    });
    return chosen;
  }

  // The answer of /web/codes or /web/codes/suggest: a heading (never an empty box), «did you mean»
  // spellings, and the codes, each with the words that produced it, added by one click.
  function showHits(item, data) {
    var box = item.querySelector("[data-code-results]");
    var chosen = chosenCodes(item);
    box.innerHTML = "";
    box.appendChild(el("p", "hint picker-heading", data.heading));
    if (data.did_you_mean && data.did_you_mean.length) {
      var fixes = el("p", "did-you-mean", data.did_you_mean_label + " ");
      data.did_you_mean.forEach(function (word) {
        var chip = el("button", "chip", word);
        chip.type = "button";
        chip.setAttribute("data-correction", word);
        fixes.appendChild(chip);
      });
      box.appendChild(fixes);
    }
    if (!data.items.length) { return; }
    var list = el("ul", "suggestions");
    data.items.forEach(function (hit) {
      var li = el("li");
      var button = el("button", "suggestion");
      button.type = "button";
      button.setAttribute("data-code", hit.scheme + ":" + hit.code);
      button.appendChild(el("span", "code" + (hit.scheme === "nace" ? " code-nace" : ""), hit.code));
      button.appendChild(el("span", "code-label", hit.label));
      if (hit.why) { button.appendChild(el("span", "why", hit.why)); }
      var state = el("span", "suggestion-state", box.getAttribute("data-text-add"));
      button.appendChild(state);
      function markAdded(text) {
        button.classList.add("added");
        button.setAttribute("aria-pressed", "true");
        state.textContent = text;
      }
      if (chosen[hit.scheme + ":" + hit.code]) { markAdded(box.getAttribute("data-text-chosen")); }
      button.addEventListener("click", function () {
        addCode(item, hit.scheme, hit.code);
        markAdded(box.getAttribute("data-text-added"));
      });
      li.appendChild(button);
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function blockText(item) {
    var title = fieldOf(item, "title"), description = fieldOf(item, "description");
    return "&title=" + encodeURIComponent(title ? title.value : "") +
      "&description=" + encodeURIComponent(description ? description.value : "");
  }

  // Only the newest request may draw: a slow answer to an older query is dropped, and aborted.
  var codeSeq = 0, codeRequest = null;
  function fetchCodes(item, url) {
    var seq = ++codeSeq;
    if (codeRequest) { codeRequest.abort(); }
    codeRequest = window.AbortController ? new AbortController() : null;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" },
                 signal: codeRequest ? codeRequest.signal : undefined })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { if (seq === codeSeq) { showHits(item, data); } })
      .catch(function () {});
  }

  function searchCodes(item) {
    var query = item.querySelector("[data-code-query]").value.trim();
    fetchCodes(item, "/web/codes?q=" + encodeURIComponent(query) + blockText(item));
  }
  // Short enough that results appear about 150 ms after the last key, long enough to skip mid-word queries.
  var searchCodesSoon = debounce(searchCodes, 110);

  function suggestCodes(item) {
    fetchCodes(item, "/web/codes/suggest?" + blockText(item).slice(1));
  }

  // Offer and need blocks added and removed in place.
  function addBlock(button) {
    var kind = button.getAttribute("data-add");
    var template = document.getElementById("template-" + kind);
    var list = button.closest("[data-items]").querySelector("[data-item-list]");
    var index = parseInt(button.getAttribute("data-next-index"), 10) || 0;
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split("__i__").join(String(index));
    var block = holder.firstElementChild;
    list.appendChild(block);
    button.setAttribute("data-next-index", String(index + 1));
    var title = fieldOf(block, "title");
    if (title) { title.focus(); }
  }

  function updateRoleSections(form) {
    form.querySelectorAll("[data-role-section]").forEach(function (section) {
      var role = section.getAttribute("data-role-section");
      var box = form.querySelector("[data-role][value='" + role + "']");
      section.setAttribute("data-role-off", box && !box.checked ? "true" : "false");
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-country]")) {
      refreshRegions(target);
      var tax = target.form && target.form.querySelector("[data-tax-id]");
      if (tax) { checkTaxId(tax); }
    }
    if (target.matches("[data-role]")) { updateRoleSections(target.form); }
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches("[data-tax-id]")) { checkTaxIdSoon(target); }
    if (target.matches("[data-code-query]") && target.value.trim().length >= 2) { searchCodesSoon(itemOf(target)); }
  });

  // A token shown once is selected on focus, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) { event.target.select(); }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches("[data-tax-id]")) { checkTaxId(event.target); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-code-query]")) {
      event.preventDefault();
      searchCodes(itemOf(event.target));
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.matches("[data-add]")) { event.preventDefault(); addBlock(button); }
    else if (button.matches("[data-remove]")) { event.preventDefault(); itemOf(button).remove(); }
    else if (button.matches("[data-code-search]")) { event.preventDefault(); searchCodes(itemOf(button)); }
    else if (button.matches("[data-code-suggest]")) { event.preventDefault(); suggestCodes(itemOf(button)); }
    else if (button.matches("[data-correction]")) {
      event.preventDefault();
      var picker = itemOf(button);
      picker.querySelector("[data-code-query]").value = button.getAttribute("data-correction");
      searchCodes(picker);
    }
  });

  document.querySelectorAll("[data-profile-form]").forEach(updateRoleSections);

  // Mission participants: filter the directory's rows in place, tick many at once, count the ticked.
  function fold(text) { return (text || "").toLowerCase().replace(/ё/g, "е"); }

  function pickRows(section) { return Array.prototype.slice.call(section.querySelectorAll("[data-pick-row]")); }

  function filterPicks(section) {
    var words = fold(section.querySelector("[data-pick-filter]").value).split(/\s+/).filter(Boolean);
    var country = section.querySelector("[data-pick-country]").value;
    var role = section.querySelector("[data-pick-role]").value;
    pickRows(section).forEach(function (row) {
      var text = row.getAttribute("data-search") || "";
      var shown = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        (!country || row.getAttribute("data-country") === country) &&
        (!role || (" " + row.getAttribute("data-roles") + " ").indexOf(" " + role + " ") !== -1);
      row.hidden = !shown;
    });
  }

  function countPicks(section) {
    var ticked = pickRows(section).filter(function (row) {
      var box = row.querySelector("input[type=checkbox]");
      row.classList.toggle("is-ticked", box.checked);
      return box.checked;
    });
    section.querySelector("[data-pick-count]").textContent = String(ticked.length);
  }

  document.querySelectorAll("[data-picker-companies]").forEach(function (section) {
    var filter = section.querySelector("[data-pick-filter]");
    filter.addEventListener("input", debounce(function () { filterPicks(section); }, 150));
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); filterPicks(section); }
    });
    section.querySelectorAll("[data-pick-country], [data-pick-role]").forEach(function (select) {
      select.addEventListener("change", function () { filterPicks(section); });
    });
    section.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox]")) { countPicks(section); }
    });
    section.querySelector("[data-pick-all]").addEventListener("click", function () {
      pickRows(section).forEach(function (row) { if (!row.hidden) { row.querySelector("input[type=checkbox]").checked = true; } });
      countPicks(section);
    });
    section.querySelector("[data-pick-none]").addEventListener("click", function () {
      pickRows(section).forEach(function (row) { row.querySelector("input[type=checkbox]").checked = false; });
      countPicks(section);
    });
    filterPicks(section);
  });

  // A post larger than the server takes would come back as a 413 page, and Back would lose what was
  // typed: measure the form before it leaves, and say so while the text is still in its fields.
  function formBytes(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var multipart = (form.enctype || "").indexOf("multipart") !== -1;
    // urlencoded: every byte of UTF-8 beyond ASCII travels as %XX; multipart: raw bytes and a part header.
    var size = multipart ? function (text) { return new Blob([text]).size + 160; }
      : function (text) { return encodeURIComponent(text).length + 2; };
    var total = 0;
    data.forEach(function (value, name) {
      total += size(name) + (typeof value === "string" ? size(value) : value.size);
    });
    return total;
  }

  function largestField(form) {
    var largest = null;
    form.querySelectorAll("textarea, input:not([type=hidden]):not([type=checkbox]):not([type=radio])").forEach(function (field) {
      var size = field.type === "file" ? Array.prototype.reduce.call(field.files || [], function (sum, f) { return sum + f.size; }, 0)
        : field.value.length;
      if (!largest || size > largest.size) { largest = { field: field, size: size }; }
    });
    return largest && largest.field;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var limit = parseInt(document.body.getAttribute("data-form-max-bytes") || "0", 10);
    if (!limit || (form.method || "").toLowerCase() !== "post") { return; }
    var old = form.querySelector("[data-form-too-large]");
    if (old) { old.remove(); }
    if (formBytes(form, event.submitter) <= limit) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var note = el("p", "form-error", document.body.getAttribute("data-form-too-large-text"));
    note.setAttribute("role", "alert");
    note.setAttribute("data-form-too-large", "");
    form.insertBefore(note, form.firstChild);
    var field = largestField(form);
    if (field) { field.setAttribute("aria-invalid", "true"); field.focus(); }
  }, true);

  // Print buttons, and forms that take a while (building a schedule) say so and cannot be sent twice.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-busy-form]")) { return; }
    var button = form.querySelector("[data-busy-text]");
    if (form.getAttribute("data-busy") === "true") { event.preventDefault(); return; }
    form.setAttribute("data-busy", "true");
    if (button) { button.textContent = button.getAttribute("data-busy-text"); button.setAttribute("aria-busy", "true"); }
  });
})();
