/**
 * The consumer's own suitability, for the portal: the same use-cases operators call, run as the
 * customer acting for themselves (`selfActor`), so a signed-in consumer can only ever read or write
 * their own customer id, and their answers are recorded (and on the ledger) as a self-assessment.
 */
import type { SuitabilityAdvice } from './advice.ts';
import { selfActor } from './permissions.ts';
import type { SuitabilityService } from './service.ts';

export class SuitabilitySelf {
  constructor(
    private readonly profiles: SuitabilityService,
    private readonly advice: SuitabilityAdvice,
  ) {}

  questionnaire(tenantId: string, customerId: string) {
    return this.profiles.questionnaire(selfActor(tenantId, customerId));
  }
  profile(tenantId: string, customerId: string) {
    return this.profiles.profile(selfActor(tenantId, customerId), customerId);
  }
  /** Scores the answers with the questionnaire in force and records them as the customer's own. */
  assess(tenantId: string, customerId: string, answers: Record<string, string[]>) {
    return this.profiles.assess(selfActor(tenantId, customerId), { customerId, answers });
  }
  recommendations(tenantId: string, customerId: string, limit = 5) {
    return this.advice.recommendations(selfActor(tenantId, customerId), customerId, limit);
  }
  education(tenantId: string, customerId: string) {
    return this.advice.education(selfActor(tenantId, customerId), customerId);
  }
  completeLesson(tenantId: string, customerId: string, lessonId: string) {
    return this.advice.progress(selfActor(tenantId, customerId), customerId, lessonId, 'complete');
  }
}
