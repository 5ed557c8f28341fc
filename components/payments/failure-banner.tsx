import type { PaymentDetail } from "@/lib/payments/get-payment";

export function FailureBanner({ failure, result }: { failure: NonNullable<PaymentDetail["failure"]>; result: string }) {
  return (
    <div role="alert" data-testid="failure-banner" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
      <p className="text-base font-semibold">
        <span aria-hidden>✕ </span>This payment failed{failure.code ? <> — error <bdi>{failure.code}</bdi></> : null}
      </p>
      {failure.description ? <p className="mt-1 text-sm font-medium" data-testid="failure-description"><bdi>{failure.description}</bdi></p> : null}
      <p className="mt-1 text-sm">{failure.description ? "EnKash: " : null}<bdi>{failure.summary}</bdi></p>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-xs sm:grid-cols-3">
        <div><dt className="inline font-semibold">Result: </dt><dd className="inline font-mono"><bdi>{result || "(empty)"}</bdi></dd></div>
        <div><dt className="inline font-semibold">errorCd: </dt><dd className="inline font-mono"><bdi>{failure.code || "(empty)"}</bdi></dd></div>
        <div className="sm:col-span-3"><dt className="inline font-semibold">errorField: </dt><dd className="inline font-mono"><bdi>{failure.field || "(empty)"}</bdi></dd></div>
      </dl>
    </div>
  );
}
