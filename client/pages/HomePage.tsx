import { useState } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/board/meta';
import { JoinForm } from '../join/JoinForm';
import { createBoard } from '../sync/api';

/** Start a meeting: name the board, get its lead link. */
export function HomePage() {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <main className="home">
      <h1>Discern</h1>
      <p className="lead-text">A shared board for discernment meetings: who we are, what the need is, and who is already there.</p>
      <form
        className="create-board"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          createBoard(title)
            .then((board) => window.location.assign(board.links.lead))
            .catch(() => {
              setError('Could not create the board. Check your connection and try again.');
              setBusy(false);
            });
        }}
      >
        <label htmlFor="board-title">Meeting title</label>
        <input
          id="board-title"
          data-testid="create-board-title"
          placeholder="e.g. Parish council, March"
          maxLength={MAX_TITLE_LENGTH}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          autoFocus
        />
        <button type="submit" className="primary" data-testid="create-board-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create board'}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <JoinForm />
    </main>
  );
}
