import { useState } from 'react';

/** Asked once per browser; the name labels your notes and your cursor. */
export function NamePrompt({ onSubmit }: { onSubmit(name: string): void }) {
  const [name, setName] = useState('');
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        aria-labelledby="name-prompt-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) onSubmit(name.trim().slice(0, 80));
        }}
      >
        <h2 id="name-prompt-title">What's your name?</h2>
        <p>Others will see it next to your cursor and notes.</p>
        <input
          data-testid="name-input"
          aria-label="Your name"
          autoFocus
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" data-testid="name-submit" disabled={!name.trim()}>
          Join the board
        </button>
      </form>
    </div>
  );
}
