// @ts-check
// Light or dark, remembered per page (the board is dark by default).

/** @param {'light' | 'dark'} defaultTheme */
export function applyTheme(defaultTheme) {
  const params = new URLSearchParams(location.search);
  let theme = params.get('theme');
  try {
    theme = theme || localStorage.getItem('opera.theme.' + document.body.dataset.page);
  } catch {
    /* storage refused: the default */
  }
  const chosen = theme === 'light' || theme === 'dark' ? theme : defaultTheme;
  document.documentElement.dataset.theme = chosen;
}

export function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem('opera.theme.' + document.body.dataset.page, next);
  } catch {
    /* not remembered */
  }
}
