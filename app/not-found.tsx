import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-500">
        <Link href="/" className="text-indigo-600 hover:underline dark:text-indigo-400">
          Back to the overview
        </Link>
      </p>
    </div>
  );
}
