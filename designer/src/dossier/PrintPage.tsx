// Printable slips on A4 (print stylesheet in styles.css): the receipt-and-appointment slip with the dossier code's QR,
// the supplement request, the refusal slip and the process control slip. The slips are the official Vietnamese forms,
// so their wording is Vietnamese whatever the screen language; only the toolbar around them follows the switch.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Dossier, Procedure } from '../api/types';
import { t } from '../i18n';
import { dateTime, vnParts } from '../shell/format';
import { href, type SlipKind } from '../shell/router';
import { isReception, useSession } from '../shell/session';
import { Loading, Notice } from '../shell/ui';
import { personName } from '../shell/names';
import { useUnits } from './DossierPage';
import { Qr } from './Qr';
import { problemText } from '../shell/problem';

type UnitName = (code: string | null | undefined, fallbackName?: string) => string;

const GRADE_VI = { early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn' } as const;

function when(value: string | null | undefined): string {
  if (!value) return '…giờ…phút, ngày…/…/……';
  const p = vnParts(value);
  return p ? `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}` : value;
}

function timeLimitVi(p: Procedure | undefined): string {
  if (!p) return '…';
  const l = p.timeLimit;
  if (l.kind === 'sameDay') return l.cutoff ? `Trong ngày (nhận sau ${l.cutoff} thì trả trong ngày làm việc tiếp theo)` : 'Trong ngày';
  if (l.kind === 'workingDays') return `${l.value} ngày làm việc`;
  return `${l.value} giờ làm việc`;
}

function applicantVi(type: string): string {
  return type === 'organisation' ? 'Tổ chức' : type === 'householdBusiness' ? 'Hộ kinh doanh' : 'Ông/Bà';
}

function Sheet({ dossier, title, children, qr, unitName }: { dossier: Dossier; title: string; children: ComponentChildren; qr?: boolean; unitName: UnitName }) {
  const now = vnParts(new Date())!;
  const unit = unitName(dossier.receivingUnit.code, dossier.receivingUnit.name);
  return (
    <article class="sheet" data-testid="slip">
      <div class="sheet-head">
        <div class="sheet-agency">
          <div>UBND {unit.toUpperCase()}</div>
          <div class="strong underline">TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG</div>
          <div class="sheet-number">Số: <span class="mono">{dossier.code}</span></div>
        </div>
        <div class="sheet-motto">
          <div class="strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="strong underline">Độc lập - Tự do - Hạnh phúc</div>
          <div class="italic">{unit}, ngày {now.day} tháng {now.month} năm {now.year}</div>
        </div>
      </div>
      <div class={qr ? 'sheet-titlebar sheet-titlebar--qr' : 'sheet-titlebar'}>
        {qr && <span />}
        <div>
          <h1 class="sheet-title">{title}</h1>
          <p class="sheet-code">Mã hồ sơ: <strong class="mono" data-testid="slip-code">{dossier.code}</strong></p>
        </div>
        {qr ? (
          <div class="sheet-qr">
            <Qr text={dossier.code} size={88} label={t('print.qrLabel', { code: dossier.code })} />
          </div>
        ) : null}
      </div>
      <div class="sheet-body">{children}</div>
    </article>
  );
}

// The official signs under the name people know them by; the account name stays in small print for the audit.
function Signatures({ left, right, rightName, rightUser }: { left: string; right: string; rightName?: string | null; rightUser?: string | null }) {
  return (
    <div class="signatures">
      <div><div class="strong">{left}</div><div class="italic small">(Ký và ghi rõ họ tên)</div></div>
      <div>
        <div class="strong">{right}</div><div class="italic small">(Ký và ghi rõ họ tên)</div>
        <div class="sign-name" data-testid="slip-signer" title={rightUser ?? undefined}>{rightName || rightUser || ''}</div>
        {rightUser && rightName && rightName !== rightUser && <div class="sign-user small mono">{rightUser}</div>}
      </div>
    </div>
  );
}

function Applicant({ d }: { d: Dossier }) {
  return (
    <>
      <p>{applicantVi(d.applicant.type)}: <strong>{d.applicant.name}</strong></p>
      <p>Số định danh cá nhân/Số giấy tờ: {d.applicant.idNumber || '……………'} &nbsp; Số điện thoại: {d.applicant.phone || '……………'} &nbsp; Email: {d.applicant.email || '……………'}</p>
      <p>Nội dung yêu cầu giải quyết: <strong>{d.procedure.name}</strong> (mã thủ tục {d.procedure.code})</p>
    </>
  );
}

function Receipt({ d, procedure, unitName }: { d: Dossier; procedure?: Procedure; unitName: UnitName }) {
  const docs = d.documents.length ? d.documents.map((x) => x.name) : procedure?.requiredDocuments.filter((x) => x.required).map((x) => x.name) ?? [];
  return (
    <Sheet dossier={d} unitName={unitName} title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" qr>
      <p>Trung tâm Phục vụ hành chính công {unitName(d.receivingUnit.code, d.receivingUnit.name)} tiếp nhận hồ sơ của:</p>
      <Applicant d={d} />
      <p>1. Thành phần hồ sơ nộp gồm:</p>
      <ol class="sheet-list">{docs.map((x, i) => <li key={i}>{x}</li>)}</ol>
      <p>2. Số lượng hồ sơ: 01 (bộ)</p>
      <p>3. Thời gian giải quyết hồ sơ theo quy định là: {timeLimitVi(procedure)}</p>
      <p>4. Thời gian nhận hồ sơ: {when(d.receivedAt)}</p>
      <p>5. Thời gian trả kết quả giải quyết hồ sơ: <strong data-testid="slip-appointment">{when(d.appointmentAt)}</strong></p>
      <p>6. Đăng ký nhận kết quả tại: {unitName(d.returnUnit.code, d.returnUnit.name)}</p>
      <p class="small italic">Tra cứu tình trạng hồ sơ: quét mã QR hoặc nhập mã hồ sơ tại trang Tra cứu hồ sơ ({location.origin}/#/lookup).</p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="NGƯỜI TIẾP NHẬN HỒ SƠ" rightName={d.receivedByDisplayName} rightUser={d.receivedBy} />
    </Sheet>
  );
}

function SupplementSlip({ d, unitName }: { d: Dossier; unitName: UnitName }) {
  const s = d.supplement;
  return (
    <Sheet dossier={d} unitName={unitName} title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ">
      <p>Hồ sơ của:</p>
      <Applicant d={d} />
      <p>Ngày yêu cầu: {when(s?.requestedAt ?? d.receivedAt)}</p>
      <p>Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:</p>
      <ol class="sheet-list" data-testid="slip-missing">{(s?.missing ?? []).map((x, i) => <li key={i}>{x}</li>)}</ol>
      {s?.note && <p>Lý do: {s.note}</p>}
      <p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ Trung tâm Phục vụ hành chính công {unitName(d.receivingUnit.code, d.receivingUnit.name)} để được hướng dẫn.</p>
      <p>Xin trân trọng cảm ơn!</p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="NGƯỜI HƯỚNG DẪN" rightName={d.receivedByDisplayName} rightUser={d.receivedBy} />
    </Sheet>
  );
}

function RefusalSlip({ d, unitName }: { d: Dossier; unitName: UnitName }) {
  return (
    <Sheet dossier={d} unitName={unitName} title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ">
      <p>Trung tâm Phục vụ hành chính công {unitName(d.receivingUnit.code, d.receivingUnit.name)} tiếp nhận hồ sơ của:</p>
      <Applicant d={d} />
      <p>Qua nghiên cứu, đối chiếu với các quy định hiện hành, Trung tâm từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:</p>
      <p class="reason" data-testid="slip-reason"><strong>{d.refusalReason ?? '…'}</strong></p>
      <p>Xin thông báo cho ông/bà được biết và thực hiện./.</p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="NGƯỜI TIẾP NHẬN HỒ SƠ" rightName={d.receivedByDisplayName} rightUser={d.receivedBy} />
    </Sheet>
  );
}

// "Phường Hải Châu (Tiếp nhận — Hải Châu)": the unit, and the official by display name; the applicant alone on the return row.
function party(unitName: UnitName, unit: string | null, user: string | null, display?: string | null): string {
  const person = personName(user, display);
  if (!unit) return person || unitName(null);
  return person ? `${unitName(unit)} (${person})` : unitName(unit);
}

function ControlSlip({ d, unitName }: { d: Dossier; unitName: UnitName }) {
  return (
    <Sheet dossier={d} unitName={unitName} title="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ">
      <p>Kèm theo hồ sơ của: <strong>{d.applicant.name}</strong> — {d.procedure.name}</p>
      <p>Ngày nhận: {when(d.receivedAt)} &nbsp; Hẹn trả kết quả: {when(d.appointmentAt)}</p>
      <table class="sheet-table">
        <thead>
          <tr>
            <th>TÊN CƠ QUAN</th>
            <th>THỜI GIAN GIAO, NHẬN HỒ SƠ</th>
            <th>KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)</th>
            <th>GHI CHÚ</th>
          </tr>
        </thead>
        <tbody>
          {d.slip.map((r, i) => (
            <tr key={i}>
              <td>
                <div>{i + 1}. Giao: {party(unitName, r.fromUnit, r.fromUser, r.fromUserDisplayName)}</div>
                <div>Nhận: {party(unitName, r.toUnit, r.toUser, r.toUserDisplayName)}</div>
                <div class="small italic">{r.step}</div>
              </td>
              <td>{when(r.at)}<div class="sign-row"><span>Người giao</span><span>Người nhận</span></div></td>
              <td>{r.grade ? GRADE_VI[r.grade] : ''}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Sheet>
  );
}

function ApologyLetter({ d, unitName }: { d: Dossier; unitName: UnitName }) {
  const x = d.extension;
  return (
    <Sheet dossier={d} unitName={unitName} title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ">
      <p>Vào lúc {when(d.receivedAt)}, Trung tâm Phục vụ hành chính công {unitName(d.receivingUnit.code, d.receivingUnit.name)} tiếp nhận hồ sơ của:</p>
      <Applicant d={d} />
      <p>Thời gian hẹn trả kết quả giải quyết hồ sơ: <strong>{when(x?.previousAppointmentAt ?? d.originalAppointmentAt)}</strong></p>
      <p>Tuy nhiên đến nay, {unitName(d.competentUnit.code, d.competentUnit.name)} chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hẹn. Lý do:</p>
      <p class="reason" data-testid="slip-reason"><strong>{x?.reason ?? '…'}</strong></p>
      <p>Sự chậm trễ này đã gây phiền hà cho ông/bà. Chúng tôi thành thật xin lỗi và hẹn lại thời gian trả kết quả vào: <strong data-testid="slip-new-appointment">{when(x?.newAppointmentAt ?? d.appointmentAt)}</strong>.</p>
      <p>Xin trân trọng cảm ơn!</p>
      <Signatures left="NGƯỜI NỘP HỒ SƠ" right="ĐẠI DIỆN CƠ QUAN GIẢI QUYẾT" rightName={x?.byDisplayName} rightUser={x?.by} />
    </Sheet>
  );
}

export function PrintPage({ code, slip }: { code: string; slip: SlipKind }) {
  const { me } = useSession();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [procedure, setProcedure] = useState<Procedure | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const unitName = useUnits(true);

  useEffect(() => {
    api.dossier(code).then(
      (d) => {
        setDossier(d);
        api.procedures(d.procedure.code).then((ps) => setProcedure(ps.find((p) => p.code === d.procedure.code)), () => undefined);
      },
      (e) => setError(e instanceof ApiError && e.status === 404 ? t('dossier.notFound', { code }) : problemText(e)),
    );
  }, [code]);

  useEffect(() => { if (dossier) printButton.current?.focus(); }, [dossier]);

  if (error) return <div class="page"><Notice kind="error">{error}</Notice></div>;
  if (!dossier) return <div class="page"><Loading /></div>;
  const title = slip === 'receipt' ? t('print.receipt') : slip === 'supplement' ? t('print.supplement') : slip === 'refusal' ? t('print.refusal')
    : slip === 'apology' ? t('print.apology') : t('print.control');
  return (
    <>
      <div class="print-toolbar no-print" role="toolbar" aria-label={t('print.toolbar')}>
        <a class="button button--ghost" href={href({ name: 'dossier', code })}>← {t('print.back')}</a>
        <span class="print-title">{title}</span>
        <span class="muted small">{t('print.a4')} · {dateTime(new Date())}</span>
        <span class="spacer" />
        {isReception(me) && <a class="button" href={href({ name: 'desk' })}>{t('print.newDossier')}</a>}
        <button type="button" class="button button--primary" ref={printButton} onClick={() => window.print()}>{t('print.print')}</button>
      </div>
      {slip === 'receipt' && <Receipt d={dossier} procedure={procedure} unitName={unitName} />}
      {slip === 'supplement' && <SupplementSlip d={dossier} unitName={unitName} />}
      {slip === 'refusal' && <RefusalSlip d={dossier} unitName={unitName} />}
      {slip === 'control' && <ControlSlip d={dossier} unitName={unitName} />}
      {slip === 'apology' && <ApologyLetter d={dossier} unitName={unitName} />}
    </>
  );
}
