/** A size the cluster did not report: said as unknown, never shown as 0. */
export function UnknownSize() {
  return (
    <span className="text-zinc-400" title="Unknown: the cluster did not describe its log dirs (DescribeLogDirs refused or not supported)">
      unknown
    </span>
  );
}
