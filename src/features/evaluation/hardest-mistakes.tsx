// The hardest test pairs as thumbnails: strangers the model finds most alike, and photos of one
// person it finds least alike, each with their similarity.

import { Thumb } from '../../components/thumb';
import type { StoredEvaluation } from '../../storage/evaluation-repo';

export function HardestMistakes({ stored }: { stored: StoredEvaluation }) {
  const { hardest, pca } = stored.evaluation;
  const person = (index: number) => stored.identities[pca.labels[index] ?? -1] ?? '?';
  const image = (index: number) => stored.testImageIds[index] ?? '';
  const groups = [
    {
      title: 'Different people it finds most alike',
      pairs: hardest.different.slice(0, 6),
      wrong: (s: number) => s >= stored.threshold,
    },
    {
      title: 'Same person, least alike',
      pairs: hardest.same.slice(0, 6),
      wrong: (s: number) => s < stored.threshold,
    },
  ];
  return (
    <section className="panel" aria-label="Hardest pairs">
      <h2>Hardest pairs</h2>
      <div className="hardest">
        {groups.map((group) => (
          <div key={group.title}>
            <h3>{group.title}</h3>
            <ul className="pair-list">
              {group.pairs.map((pair) => (
                <li
                  key={`${pair.first}-${pair.second}`}
                  className={group.wrong(pair.score) ? 'pair wrong' : 'pair'}
                >
                  <Thumb imageId={image(pair.first)} alt={person(pair.first)} />
                  <Thumb imageId={image(pair.second)} alt={person(pair.second)} />
                  <span className="small">
                    {person(pair.first)} · {person(pair.second)}
                    <br />
                    similarity {pair.score.toFixed(3)}
                    {group.wrong(pair.score) ? ' (wrong at this threshold)' : ''}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
