/**
 * Text edited in place: shown as text, a click (or Enter) turns it into an input; Enter or leaving
 * the field saves, Escape cancels. In a multi-line field Shift+Enter starts a new line.
 */
import { Textarea, TextInput } from '@mantine/core';
import { type KeyboardEvent, memo, useRef, useState } from 'react';

export interface TextEditorProps {
  initial: string;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  /** Called once with the trimmed text when the user saves. */
  onCommit: (text: string) => void;
  onCancel: () => void;
  testId?: string;
}

export function TextEditor({
  initial,
  label,
  placeholder,
  multiline,
  onCommit,
  onCancel,
  testId,
}: TextEditorProps) {
  const [text, setText] = useState(initial);
  // Enter saves and unmounts the field, which then blurs: save only once.
  const done = useRef(false);
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save) onCommit(text.trim());
    else onCancel();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finish(false);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      finish(true);
    }
  };
  const common = {
    'aria-label': label,
    placeholder,
    value: text,
    size: 'xs' as const,
    autoFocus: true,
    onKeyDown,
    onBlur: () => finish(true),
    'data-testid': testId,
  };
  return multiline ? (
    <Textarea
      {...common}
      autosize
      minRows={1}
      maxRows={8}
      onChange={(e) => setText(e.currentTarget.value)}
      onFocus={(e) => e.currentTarget.select()}
    />
  ) : (
    <TextInput
      {...common}
      onChange={(e) => setText(e.currentTarget.value)}
      onFocus={(e) => e.currentTarget.select()}
    />
  );
}

export interface EditableTextProps {
  value: string;
  /** What clicking the text edits: its tooltip and the input's accessible name. */
  label: string;
  canEdit: boolean;
  multiline?: boolean;
  /** The new trimmed text, only when it changed; an empty text is passed on as '' to decide on. */
  onSave: (text: string) => void;
  testId?: string;
}

export const EditableText = memo(function EditableText({
  value,
  label,
  canEdit,
  multiline,
  onSave,
  testId,
}: EditableTextProps) {
  const [editing, setEditing] = useState(false);
  if (!canEdit) return <span data-testid={testId}>{value}</span>;
  if (editing)
    return (
      <TextEditor
        initial={value}
        label={label}
        multiline={multiline}
        testId={testId && `${testId}-input`}
        onCancel={() => setEditing(false)}
        onCommit={(text) => {
          setEditing(false);
          if (text !== value) onSave(text);
        }}
      />
    );
  return (
    <button
      type="button"
      className="jm-text-button"
      title={label}
      data-testid={testId}
      onClick={() => setEditing(true)}
    >
      {value}
    </button>
  );
});
