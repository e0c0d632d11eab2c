'use client';

import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const ORDER: Theme[] = ['system', 'light', 'dark'];
const ICON: Record<Theme, string> = { system: '◐', light: '☀', dark: '☾' };

function apply(theme: Theme) {
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
}

/** Light / dark / follow the system; the choice is kept in localStorage. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const saved = localStorage.getItem('kayak-theme');
    setTheme(saved === 'light' || saved === 'dark' ? saved : 'system');
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => apply((localStorage.getItem('kayak-theme') as Theme | null) ?? 'system');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  function next() {
    const t = ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length]!;
    setTheme(t);
    if (t === 'system') localStorage.removeItem('kayak-theme');
    else localStorage.setItem('kayak-theme', t);
    apply(t);
  }
  return (
    <button
      type="button"
      onClick={next}
      title={`Theme: ${theme} (click to change)`}
      aria-label={`Theme: ${theme}`}
      className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm text-zinc-300 hover:bg-white/10 hover:text-white"
    >
      <span aria-hidden>{ICON[theme]}</span>
      <span className="hidden capitalize sm:inline">{theme}</span>
    </button>
  );
}
