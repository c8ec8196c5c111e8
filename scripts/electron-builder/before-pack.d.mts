export function crossBuildProblem(target: { platform: string; arch: number }, host?: { platform: string; arch: string }): string | null;
export function beforePack(context: { electronPlatformName: string; arch: number }): Promise<void>;
export default beforePack;
