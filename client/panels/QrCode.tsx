import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode';

/** Loaded on demand: the QR encoder is not needed for first paint. `alt` names what the code opens. */
export default function QrCode({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void toDataURL(text, { margin: 1, width: 240 }).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img className="qr" src={src} width={240} height={240} alt={alt} /> : null;
}
