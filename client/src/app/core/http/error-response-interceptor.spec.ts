import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ErrorCode } from '@app/shared';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom, Observable } from 'rxjs';

import { translocoTesting } from '../../../testing/transloco-testing';
import { ApiError } from './api-error';
import { errorResponseInterceptor } from './error-response-interceptor';

describe('errorResponseInterceptor', () => {
  let httpClient: HttpClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideHttpClient(withInterceptors([errorResponseInterceptor])), provideHttpClientTesting()],
    });
    httpClient = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  /** Subscribes, lets the test answer the request, and returns what the caller caught. */
  async function caught(request: Observable<unknown>, answer: () => void): Promise<ApiError> {
    const result = firstValueFrom(request).then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: unknown) => error,
    );
    answer();
    const error = await result;
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it("passes the server's ErrorResponse through, field errors included", async () => {
    const error = await caught(httpClient.post('/api/meetings', {}), () =>
      http.expectOne('/api/meetings').flush(
        {
          code: 'VALIDATION_FAILED',
          message: 'Dữ liệu không hợp lệ / Invalid input',
          errors: [{ path: 'title', message: 'Required' }],
        },
        { status: 400, statusText: 'Bad Request' },
      ),
    );

    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message).toBe('Dữ liệu không hợp lệ / Invalid input');
    expect(error.toResponse()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Dữ liệu không hợp lệ / Invalid input',
      errors: [{ path: 'title', message: 'Required' }],
    });
  });

  it('maps a network failure to UNAVAILABLE with a Vietnamese message', async () => {
    const error = await caught(httpClient.get('/api/meetings'), () =>
      http.expectOne('/api/meetings').error(new ProgressEvent('error'), { status: 0, statusText: '' }),
    );

    expect(error.status).toBe(0);
    expect(error.toResponse()).toEqual({
      code: ErrorCode.Unavailable,
      message: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    });
  });

  it('translates the fallback message into the active language', async () => {
    TestBed.inject(TranslocoService).setActiveLang('en');

    const error = await caught(httpClient.get('/api/meetings'), () =>
      http.expectOne('/api/meetings').error(new ProgressEvent('error'), { status: 0, statusText: '' }),
    );

    expect(error.message).toBe('Cannot reach the server. Check the network and try again.');
  });

  it("maps a proxy's HTML gateway error to UNAVAILABLE", async () => {
    const error = await caught(httpClient.get('/api/meetings'), () =>
      http.expectOne('/api/meetings').flush('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );

    expect(error.code).toBe(ErrorCode.Unavailable);
    expect(error.status).toBe(502);
  });

  it('maps a body that is not an ErrorResponse to INTERNAL', async () => {
    const error = await caught(httpClient.get('/api/meetings'), () =>
      http
        .expectOne('/api/meetings')
        .flush({ code: 'SOMETHING_ELSE', message: 'stack trace…' }, { status: 500, statusText: 'Server Error' }),
    );

    expect(error.toResponse()).toEqual({
      code: ErrorCode.Internal,
      message: 'Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại sau.',
    });
  });

  it('reads the ErrorResponse out of a text body', async () => {
    const error = await caught(httpClient.get('/api/meetings/x/notes', { responseType: 'text' }), () =>
      http.expectOne('/api/meetings/x/notes').flush(JSON.stringify({ code: 'FORBIDDEN', message: 'Không có quyền' }), {
        status: 403,
        statusText: 'Forbidden',
      }),
    );

    expect(error.code).toBe(ErrorCode.Forbidden);
    expect(error.message).toBe('Không có quyền');
  });

  it('reads the ErrorResponse out of a blob body (document downloads)', async () => {
    const body = new Blob([JSON.stringify({ code: 'NOT_FOUND', message: 'Không tìm thấy tài liệu' })], {
      type: 'application/json',
    });
    const error = await caught(httpClient.get('/api/documents/x/file', { responseType: 'blob' }), () =>
      http.expectOne('/api/documents/x/file').flush(body, { status: 404, statusText: 'Not Found' }),
    );

    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.message).toBe('Không tìm thấy tài liệu');
  });

  it('leaves successful responses alone', async () => {
    const result = firstValueFrom(httpClient.get<number[]>('/api/meetings'));
    http.expectOne('/api/meetings').flush([1, 2]);
    await expect(result).resolves.toEqual([1, 2]);
  });
});
