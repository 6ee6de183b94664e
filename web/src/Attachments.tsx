// Files that came with a customer mail: a download link for each stored one, name and size for all.
export interface AttachmentRef {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  stored?: boolean;
  /** The whole raw message as it arrived (issue 16). */
  original?: boolean;
}

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function Attachments({ items: all }: { items: AttachmentRef[] }) {
  const items = all.filter((a) => !a.original);
  const original = all.find((a) => a.original);
  if (!all.length) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {original && (
        <li key={original.id}>
          ✉️{' '}
          <a href={`/api/v1/attachments/${original.id}`} download={original.filename}>
            Original message ({kb(original.size)})
          </a>
        </li>
      )}
      {items.map((a) => (
        <li key={a.id}>
          📎{' '}
          {a.stored === false ? (
            <span title="Over the size cap: listed, not stored">
              {a.filename} ({kb(a.size)}, not stored)
            </span>
          ) : (
            <a href={`/api/v1/attachments/${a.id}`} download={a.filename}>
              {a.filename} ({kb(a.size)})
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
