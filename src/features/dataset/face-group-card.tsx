// One group of similar Unsorted faces: its thumbnails, the named person most of its faces look
// like (with their mean similarity), and the ways to file it: name it as a new person, add it to
// the suggested person, or drag the whole group onto any person's card.

import { useId, useState, type FormEvent } from 'react';
import { isAppError } from '../../lib/errors';
import { countImages } from '../../domain/label-changes';
import type { ImageRecord } from '../../storage/records';
import { useAppStore } from '../../store';
import { startImageDrag } from './image-drag';
import { ThumbGrid } from './thumb-grid';

export interface GroupSuggestion {
  identityId: string;
  name: string;
  /** Mean similarity of the group's faces to that person. */
  similarity: number;
}

interface Props {
  index: number;
  images: readonly ImageRecord[];
  suggestion: GroupSuggestion | null;
}

export function FaceGroupCard({ index, images, suggestion }: Props) {
  const id = useId();
  const moveImages = useAppStore((s) => s.moveImages);
  const moveImagesToNewPerson = useAppStore((s) => s.moveImagesToNewPerson);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = images.map((image) => image.id);
  const title = `Group ${index + 1}`;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await moveImagesToNewPerson(ids, name);
    } catch (error) {
      setProblem(isAppError(error) ? error.message : String(error));
    }
  };

  return (
    <article className="face-group" aria-label={`${title}: ${countImages(images.length)}`}>
      <header className="card-header">
        <h4>
          {title} · {countImages(images.length)}
        </h4>
        <span
          className="drag-handle"
          draggable
          title="Drag the whole group onto a person"
          onDragStart={(event) => startImageDrag(event, ids)}
        >
          ⠿ drag group
        </span>
      </header>
      <ThumbGrid images={images} label={`Faces of ${title}`} ownerName={title} firstPage={24} />
      <form className="row" onSubmit={(e) => void create(e)}>
        <label htmlFor={`${id}-name`} className="visually-hidden">
          Name {title} as a new person
        </label>
        <input
          id={`${id}-name`}
          placeholder="Name a new person"
          value={name}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
        />
        <button type="submit" aria-label={`Create a person from ${title}`}>
          Create person
        </button>
        {suggestion && (
          <button
            type="button"
            onClick={() => void moveImages(ids, suggestion.identityId).catch(() => undefined)}
          >
            Add to {suggestion.name} ({suggestion.similarity.toFixed(2)})
          </button>
        )}
      </form>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </article>
  );
}
