import { useState } from 'react';
import { ModalDialog } from '../a11y/ModalDialog';

/** Asked once per browser; the name labels your notes and your cursor. */
export function NamePrompt({ onSubmit }: { onSubmit(name: string): void }) {
  const [name, setName] = useState('');
  return (
    // No dismiss: the board opens only once there is a name.
    <ModalDialog className="modal" labelledBy="name-prompt-title">
      <form
        className="modal-form"
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
          data-autofocus
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" data-testid="name-submit" disabled={!name.trim()}>
          Join the board
        </button>
      </form>
    </ModalDialog>
  );
}
