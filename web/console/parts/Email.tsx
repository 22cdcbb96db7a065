/** An email address that may break after the @ (and only there) when its column is narrow. */
export function Email({ address }: { address: string }) {
  const at = address.lastIndexOf("@");
  if (at < 1) return <>{address}</>;
  return <>{address.slice(0, at + 1)}<wbr />{address.slice(at + 1)}</>;
}
