/**
 * The survey's logo: a PNG or JPEG file read into a data URL (the survey carries it, so the public
 * page needs no file storage). Over 200 KB it is scaled down in the browser; if it is still too
 * large, or not a PNG/JPEG, the field says so and keeps the old logo.
 */
import { Button, FileButton, Group, Image, Input, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The most a logo's data URL may weigh (the API's limit). */
export const MAX_LOGO_BYTES = 200 * 1024;
const TYPES = ['image/png', 'image/jpeg'];

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The image drawn at most 600×200 px, as a data URL of the same type. */
async function scaledDown(dataUrl: string, type: string): Promise<string> {
  const image = new window.Image();
  image.src = dataUrl;
  await image.decode();
  const ratio = Math.min(1, 600 / image.naturalWidth, 200 / image.naturalHeight);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * ratio));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * ratio));
  canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL(type, 0.85);
}

export function LogoInput({
  value,
  onChange,
  error,
  readOnly,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  readOnly: boolean;
}) {
  const { t } = useTranslation('surveys');
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (file: File | null) => {
    if (!file) return;
    setProblem(null);
    if (!TYPES.includes(file.type)) {
      setProblem(t('logo.type'));
      return;
    }
    try {
      let url = await readAsDataUrl(file);
      if (url.length > MAX_LOGO_BYTES) url = await scaledDown(url, file.type);
      if (url.length > MAX_LOGO_BYTES) {
        setProblem(t('logo.tooLarge', { kb: Math.round(url.length / 1024) }));
        return;
      }
      onChange(url);
    } catch {
      setProblem(t('logo.unreadable'));
    }
  };

  return (
    <Input.Wrapper label={t('field.logo')} description={t('logo.hint')} error={problem ?? error}>
      <Group gap="sm" mt={4} wrap="wrap">
        {value ? (
          <Image src={value} alt={t('field.logo')} h={40} w="auto" fit="contain" data-testid="logo-image" />
        ) : (
          <Text size="sm" c="dimmed">
            {t('logo.none')}
          </Text>
        )}
        {!readOnly && (
          <>
            <FileButton onChange={(file) => void pick(file)} accept="image/png,image/jpeg">
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  leftSection={<IconPhotoUp size={14} />}
                  data-testid="logo-upload"
                >
                  {t('logo.upload')}
                </Button>
              )}
            </FileButton>
            {value && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                leftSection={<IconTrash size={14} />}
                onClick={() => onChange(null)}
              >
                {t('logo.remove')}
              </Button>
            )}
          </>
        )}
      </Group>
    </Input.Wrapper>
  );
}
