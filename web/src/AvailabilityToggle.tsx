// The signed-in person's availability for new assignments (first-available and round-robin respect
// it): one click in the header, and again on their account page.
import { useState } from 'react';
import { api } from './api';
import { useMe } from './data';

export function AvailabilityToggle({ label, className }: { label: string; className: string }) {
  const { me, setMe } = useMe();
  const [error, setError] = useState('');
  return (
    <>
      <label className={className} title={error || 'Whether assignment gives you new tickets'}>
        <input
          type="checkbox"
          checked={me.available}
          onChange={async (e) => {
            const available = e.target.checked;
            setMe({ ...me, available }); // at once; put back if the server refuses
            try {
              await api('PUT', `/users/${me.id}/availability`, { available });
              setError('');
            } catch (err) {
              setMe({ ...me, available: !available });
              setError((err as Error).message);
            }
          }}
        />
        {label}
      </label>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </>
  );
}
