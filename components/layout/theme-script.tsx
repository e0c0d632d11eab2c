/** Runs before paint so the page never flashes the wrong theme. */
const SCRIPT = `(function(){try{var t=localStorage.getItem('kayak-theme');var d=t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);}catch(e){}})();`;

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
