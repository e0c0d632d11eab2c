/** Runs before paint so the page never flashes the wrong theme. */
const SCRIPT = `(function(){try{var t=localStorage.getItem('kayak-theme');var d=t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);}catch(e){}})();`;

/** `nonce` is the request's CSP nonce (middleware.ts): without it the browser refuses the script. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
