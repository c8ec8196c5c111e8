import type { DecodedImage } from './decode';
import type { TextContrast } from './types';

// Placeholder replaced by the OCR implementation.
export async function measureTextContrast(_image: DecodedImage, _logotypes: readonly string[]): Promise<TextContrast[]> {
  throw new Error('OCR not available yet');
}
