/**
 * A menu behind a small button that is only built when first opened: a map shows hundreds of
 * these buttons, and a closed Mantine menu per button would cost render time for nothing. Once
 * built, the menu stays, so that closing it returns the focus to the same button.
 */
import { Menu, type MenuProps } from '@mantine/core';
import { type ReactNode, useState } from 'react';

export interface LazyMenuProps {
  /** Accessible name of the button. */
  label: string;
  /** What the button shows. */
  children: ReactNode;
  /** The menu's items; called only once the menu is open. */
  items: () => ReactNode;
  className?: string;
  title?: string;
  testId?: string;
  position?: MenuProps['position'];
  /** Extra attributes for tests and styles (`data-value`…). */
  data?: Record<`data-${string}`, string>;
}

export function LazyMenu({
  label,
  children,
  items,
  className = 'jm-icon-button',
  title,
  testId,
  position = 'bottom-end',
  data,
}: LazyMenuProps) {
  const [built, setBuilt] = useState(false);
  const [opened, setOpened] = useState(false);
  const button = (
    <button
      type="button"
      className={className}
      aria-label={label}
      title={title}
      aria-haspopup="menu"
      aria-expanded={opened}
      data-testid={testId}
      {...data}
      onClick={
        built
          ? undefined
          : () => {
              setBuilt(true);
              setOpened(true);
            }
      }
    >
      {children}
    </button>
  );
  if (!built) return button;
  return (
    <Menu opened={opened} onChange={setOpened} position={position} withinPortal>
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>{opened && items()}</Menu.Dropdown>
    </Menu>
  );
}
