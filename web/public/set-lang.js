/* global document */
// Sets <html lang> before the app loads so the first paint already carries the right language.
// A file rather than an inline script: the Content-Security-Policy allows no inline script.
(function () {
  var lang = /^zh/i.test(navigator.language || '') ? 'zh-CN' : 'en';
  try {
    var saved = localStorage.getItem('centric.lang');
    if (saved === 'zh-CN' || saved === 'en') lang = saved;
  } catch {
    // Storage may be off (private mode, blocked cookies): the browser's language decides.
  }
  document.documentElement.lang = lang;
})();
