/** A handler's value with a status other than 200 (withErrors unwraps it). */
export class StatusResponse<R> {
  constructor(
    readonly body: R,
    readonly status: number,
  ) {}
}
