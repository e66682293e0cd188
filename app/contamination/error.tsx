"use client";

import { PageError, type PageErrorProps } from "@/components/page/PageError";

export default function RouteError(props: PageErrorProps) {
  return <PageError {...props} what="the contamination overview" />;
}
