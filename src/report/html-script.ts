/**
 * The report page's only script (inlined; the page works without it: everything is in the
 * HTML, this only adds filters, search, copy buttons, the theme toggle, keyboard navigation and
 * deep-link handling). It reads the page, never data embedded in the script, so no report text
 * can end up inside a <script> element.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  var d = document, root = d.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');
  function $(id) { return d.getElementById(id); }
  var KEY = 'copperplate-report-theme';

  // Theme: the reader's choice wins over prefers-color-scheme, and is remembered when storage works.
  var themeButton = $('theme');
  try { var saved = localStorage.getItem(KEY); if (saved === 'dark' || saved === 'light') root.setAttribute('data-theme', saved); } catch (e) {}
  function isDark() {
    var t = root.getAttribute('data-theme');
    return t ? t === 'dark' : !!(window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
  }
  function syncTheme() { themeButton.setAttribute('aria-pressed', String(isDark())); }
  function toggleTheme() {
    var next = isDark() ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try { localStorage.setItem(KEY, next); } catch (e) {}
    syncTheme();
  }
  themeButton.addEventListener('click', toggleTheme);
  syncTheme();

  // Copy buttons: the clipboard API where the page may use it, else a selection + execCommand.
  function copied(button, ok) {
    var label = button.textContent;
    button.textContent = ok ? 'Copied' : 'Select and copy';
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  function copyText(button) {
    var text = button.getAttribute('data-copy');
    var fallback = function () {
      var code = button.parentNode.querySelector('code');
      var range = d.createRange();
      range.selectNodeContents(code);
      var sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var ok = false;
      try { ok = d.execCommand('copy'); } catch (e) {}
      copied(button, ok);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { copied(button, true); }, fallback);
    } else fallback();
  }
  d.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button.copy');
    if (b) copyText(b);
  });

  // Filters and search.
  var items = [].slice.call(d.querySelectorAll('.item'));
  var groups = [].slice.call(d.querySelectorAll('.group')).reverse(); // innermost first
  var texts = null;
  var sevBoxes = [].slice.call(d.querySelectorAll('input[name=sev]'));
  var approvedBox = $('f-approved'), policySel = $('f-policy'), formationSel = $('f-formation'), search = $('q'), shown = $('shown');
  var total = 0;
  items.forEach(function (el) { if (!el.hasAttribute('data-dup')) total++; });
  function apply() {
    if (texts === null) texts = items.map(function (el) { return el.textContent.toLowerCase(); });
    var sev = {};
    sevBoxes.forEach(function (b) { sev[b.value] = b.checked; });
    var policy = policySel.value, formation = formationSel.value, q = search.value.trim().toLowerCase();
    var withApproved = approvedBox.checked, count = 0;
    items.forEach(function (el, i) {
      var show = sev[el.getAttribute('data-sev')] !== false &&
        (withApproved || el.getAttribute('data-approved') !== 'true') &&
        (policy === '' || el.getAttribute('data-policy') === policy) &&
        (formation === '' || el.getAttribute('data-formation') === formation) &&
        (q === '' || texts[i].indexOf(q) !== -1);
      el.hidden = !show;
      if (show && !el.hasAttribute('data-dup')) count++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('.item:not([hidden])'); });
    shown.textContent = count === total ? 'Showing all ' + total : 'Showing ' + count + ' of ' + total;
  }
  function reset() {
    sevBoxes.forEach(function (b) { b.checked = true; });
    approvedBox.checked = true;
    policySel.value = '';
    formationSel.value = '';
    search.value = '';
    apply();
  }
  var timer = 0;
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 80); });
  [policySel, formationSel, approvedBox].concat(sevBoxes).forEach(function (el) { el.addEventListener('change', apply); });
  $('reset').addEventListener('click', reset);

  // Deep links (#<fingerprint>, #<formation>/<kind>/<name>): shown even when filtered out.
  var current = null;
  function select(el, scroll) {
    if (current) current.classList.remove('current');
    current = el;
    el.classList.add('current');
    if (scroll) settle(el, 10);
    el.focus({ preventScroll: true });
  }
  // Sections above the target lay out only when they come near the viewport
  // (content-visibility), which moves the target: scroll again until it stays where it belongs.
  function settle(el, frames) {
    el.scrollIntoView({ block: 'start' });
    var want = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
    // two frames: the sections' rendering changes only after the next frame's layout
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (frames > 0 && Math.abs(el.getBoundingClientRect().top - want) > 2) settle(el, frames - 1);
      });
    });
  }
  function follow() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id && $(id);
    if (!el) return;
    if (el.closest('[hidden]')) reset();
    var details = el.closest('details');
    if (details) details.open = true;
    select(el, true);
  }
  window.addEventListener('hashchange', follow);

  // Keyboard: j/k next/previous finding, / search, t theme, c copy the command of the current card.
  function visibleCards() { return [].slice.call(d.querySelectorAll('.card.item:not([hidden])')); }
  d.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target, typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
    if (typing) {
      if (e.key === 'Escape' && t === search) { search.value = ''; apply(); search.blur(); }
      return;
    }
    if (e.key === 'j' || e.key === 'k') {
      var cards = visibleCards();
      if (cards.length === 0) return;
      var at = current ? cards.indexOf(current) : -1;
      var next = e.key === 'j' ? Math.min(cards.length - 1, at + 1) : Math.max(0, at === -1 ? 0 : at - 1);
      select(cards[next], false);
      cards[next].scrollIntoView({ block: 'nearest' });
      e.preventDefault();
    } else if (e.key === '/') {
      search.focus();
      e.preventDefault();
    } else if (e.key === 't') {
      toggleTheme();
    } else if (e.key === 'c' && current) {
      var b = current.querySelector('button.copy');
      if (b) copyText(b);
    }
  });

  apply();
  follow();
  // The browser scrolls to the fragment itself once the page has loaded, with the estimated
  // heights of sections it has not laid out yet: go there again after it.
  window.addEventListener('load', function () { if (current) setTimeout(function () { settle(current, 10); }, 0); });
})();
`.trim();
