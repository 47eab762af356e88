export function config(): string {
  return 'config';
}
