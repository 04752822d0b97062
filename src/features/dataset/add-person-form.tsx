// "Add a person": a name field that explains why a name is refused.

import { useId, useState, type FormEvent } from 'react';
import { isAppError } from '../../lib/errors';
import { useAppStore } from '../../store';

export function AddPersonForm() {
  const createIdentity = useAppStore((s) => s.createIdentity);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await createIdentity(name);
      setName('');
      setProblem(null);
    } catch (error) {
      setProblem(isAppError(error) ? error.message : String(error));
    }
  };

  return (
    <form className="add-person" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-name`}>New person</label>
      <div className="row">
        <input
          id={`${id}-name`}
          value={name}
          placeholder="Name"
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Add person</button>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
