import { PageLoading } from "@/components/page/PageLoading";

export default function RouteLoading() {
  return <PageLoading label="Loading the sampling plan…" layout="form" />;
}
