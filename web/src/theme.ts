import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons above the WCAG AA contrast ratio.
  primaryShade: { light: 8, dark: 8 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  // People who ask their system for less motion get none (and browser tests run that way).
  respectReducedMotion: true,
});

const COLORS = ['blue', 'red', 'green', 'orange', 'yellow', 'gray', 'teal', 'grape', 'indigo', 'cyan', 'violet', 'pink', 'lime', 'dark'];

/**
 * Mantine's default light-scheme text shades (dimmed gray-6, light-variant color 6, error red-6)
 * fall under 4.5:1 on white; these darker shades pass WCAG AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  };
  for (const c of COLORS) {
    light[`--mantine-color-${c}-light-color`] = `var(--mantine-color-${c}-9)`;
    light[`--mantine-color-${c}-outline`] = `var(--mantine-color-${c}-9)`;
    light[`--mantine-color-${c}-text`] = `var(--mantine-color-${c}-9)`;
  }
  // Shade 9 of these is still too light on its own tint (teal 4.4:1 on a "Resolved" badge, yellow
  // 2.8:1 on "Waiting"): deeper tones that pass 5:1 on the tint and on white.
  const deeper: Record<string, string> = { green: '#1b5e2b', teal: '#077252', orange: '#b63c0d', yellow: '#a15300', lime: '#48730a', red: '#bd2727' };
  for (const [c, tone] of Object.entries(deeper)) {
    light[`--mantine-color-${c}-light-color`] = tone;
    light[`--mantine-color-${c}-outline`] = tone;
    light[`--mantine-color-${c}-text`] = tone;
  }
  light['--mantine-color-red-filled'] = 'var(--mantine-color-red-9)';
  light['--mantine-color-red-filled-hover'] = 'var(--mantine-color-red-9)';
  light['--mantine-color-green-filled'] = 'var(--mantine-color-green-9)';
  light['--mantine-color-green-filled-hover'] = 'var(--mantine-color-green-9)';
  light['--mantine-color-gray-filled'] = 'var(--mantine-color-gray-7)';
  return { variables: {}, light, dark: {} };
};
