// A QR code drawn in the browser (the `qrcode` package, no network): an <img> with an SVG data URL.
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';

export function Qr({ text, size = 112, label }: { text: string; size?: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setSrc(null),
    );
    return () => { live = false; };
  }, [text]);
  return src ? <img class="qr" src={src} width={size} height={size} alt={label} data-testid="qr" data-qr-text={text} /> : <span class="qr qr--pending" />;
}
