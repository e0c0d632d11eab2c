'use client';

import { SideBySideDiff } from '../ui/side-by-side-diff';

/** Side-by-side diff of two schema versions. */
export function SchemaDiff(props: { left: string; right: string; leftLabel: string; rightLabel: string }) {
  return <SideBySideDiff label="Schema diff" {...props} />;
}
