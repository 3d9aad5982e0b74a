/** The frame of the signed-out pages (sign-in, setup, invitation, password reset): a card that fits a phone. */
import { Center, Paper } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

export function AuthCard({
  children,
  width = 420,
  onSubmit,
}: {
  children: ReactNode;
  width?: number;
  onSubmit?: (event: FormEvent) => void;
}) {
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper
        withBorder
        shadow="sm"
        p={{ base: 'md', sm: 'xl' }}
        w="100%"
        maw={width}
        {...(onSubmit ? { component: 'form' as const, onSubmit } : {})}
      >
        {children}
      </Paper>
    </Center>
  );
}
