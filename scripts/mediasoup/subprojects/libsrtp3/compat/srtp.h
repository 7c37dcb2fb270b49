/*
 * Why this file exists: mediasoup 3.19 is written against versatica's libsrtp 3.x API, which it
 * would download; Debian bookworm only has libsrtp2 2.5 (libsrtp2-dev). mediasoup does
 * `#include <srtp.h>` and finds this header first (the libsrtp3 shim puts compat/ on the include
 * path). It includes Debian's <srtp2/srtp.h> and adds the 3.x calls mediasoup makes:
 *
 *   - srtp_protect / srtp_protect_rtcp (in, inLen, out, &outLen, mkiIndex) and
 *     srtp_unprotect / srtp_unprotect_rtcp (in, inLen, out, &outLen): 3.x writes from an input
 *     buffer into an output buffer of given capacity; 2.x works in place with int lengths. These
 *     C++ overloads copy in -> out, run 2.x in place and report the new length. If the output
 *     buffer cannot hold libsrtp2's worst-case trailer (it may write that much), the packet is
 *     protected in a scratch buffer and copied out only if the real result fits.
 *   - srtp_stream_remove: 3.x's name for srtp_remove_stream. mediasoup passes htonl(ssrc), which
 *     is what 2.x expects (network byte order).
 *   - srtp_err_status_buffer_small, srtp_err_status_cryptex_err: error codes 3.x added (only used
 *     in mediasoup's error-string table); given values after 2.x's last code.
 *
 * Checked by scripts/mediasoup/dtls-proof.mjs: SRTP both ways with a werift peer (AEAD_AES_128_GCM).
 */
#ifndef E_CABINET_SRTP3_COMPAT_H
#define E_CABINET_SRTP3_COMPAT_H

#include <srtp2/srtp.h>

#ifdef __cplusplus
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

static constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(static_cast<int>(srtp_err_status_pkt_idx_adv) + 1);
static constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(static_cast<int>(srtp_err_status_pkt_idx_adv) + 2);

namespace e_cabinet_srtp_compat
{
	// libsrtp2 may append up to SRTP_MAX_TRAILER_LEN bytes (tag + MKI); SRTCP adds 4 more (E flag +
	// index).
	constexpr size_t RtcpExtra{ 4 };
	constexpr size_t ScratchSize{ 65536 + SRTP_MAX_TRAILER_LEN + RtcpExtra };

	inline srtp_err_status_t ProtectInPlace(
	  srtp_t ctx, uint8_t* buf, size_t len, size_t* outLen, size_t mkiIndex, bool rtcp)
	{
		int ilen = static_cast<int>(len);
		const srtp_err_status_t err =
		  rtcp ? srtp_protect_rtcp_mki(ctx, buf, &ilen, 0, static_cast<unsigned int>(mkiIndex))
		       : srtp_protect_mki(ctx, buf, &ilen, 0, static_cast<unsigned int>(mkiIndex));

		if (err == srtp_err_status_ok)
			*outLen = static_cast<size_t>(ilen);

		return err;
	}

	inline srtp_err_status_t Protect(
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t inLen,
	  uint8_t* out,
	  size_t* outLen,
	  size_t mkiIndex,
	  bool rtcp)
	{
		const size_t worstCase = inLen + SRTP_MAX_TRAILER_LEN + (rtcp ? RtcpExtra : 0);

		if (in == nullptr || out == nullptr || outLen == nullptr || inLen > INT_MAX / 2)
			return srtp_err_status_bad_param;

		// Usual case: the output buffer holds any trailer libsrtp2 could write.
		if (*outLen >= worstCase)
		{
			if (in != out)
				std::memmove(out, in, inLen);

			return ProtectInPlace(ctx, out, inLen, outLen, mkiIndex, rtcp);
		}

		// Tight output buffer: protect in a scratch buffer, copy out if the real result fits.
		if (worstCase > ScratchSize)
			return srtp_err_status_buffer_small;

		thread_local static uint8_t scratch[ScratchSize];
		size_t len{ 0 };

		std::memcpy(scratch, in, inLen);

		const srtp_err_status_t err = ProtectInPlace(ctx, scratch, inLen, &len, mkiIndex, rtcp);

		if (err != srtp_err_status_ok)
			return err;
		if (len > *outLen)
			return srtp_err_status_buffer_small;

		std::memcpy(out, scratch, len);
		*outLen = len;

		return srtp_err_status_ok;
	}

	inline srtp_err_status_t Unprotect(
	  srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, bool rtcp)
	{
		if (in == nullptr || out == nullptr || outLen == nullptr || inLen > INT_MAX)
			return srtp_err_status_bad_param;
		// Unprotecting only shrinks the packet, but 2.x works in place: out must hold the input.
		if (*outLen < inLen)
			return srtp_err_status_buffer_small;
		if (in != out)
			std::memmove(out, in, inLen);

		int len = static_cast<int>(inLen);
		const srtp_err_status_t err =
		  rtcp ? srtp_unprotect_rtcp(ctx, out, &len) : srtp_unprotect(ctx, out, &len);

		if (err == srtp_err_status_ok)
			*outLen = static_cast<size_t>(len);

		return err;
	}
} // namespace e_cabinet_srtp_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t mkiIndex)
{
	return e_cabinet_srtp_compat::Protect(ctx, rtp, rtpLen, srtp, srtpLen, mkiIndex, false);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return e_cabinet_srtp_compat::Unprotect(ctx, srtp, srtpLen, rtp, rtpLen, false);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t mkiIndex)
{
	return e_cabinet_srtp_compat::Protect(ctx, rtcp, rtcpLen, srtcp, srtcpLen, mkiIndex, true);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return e_cabinet_srtp_compat::Unprotect(ctx, srtcp, srtcpLen, rtcp, rtcpLen, true);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t ctx, uint32_t ssrcNetworkOrder)
{
	return srtp_remove_stream(ctx, ssrcNetworkOrder);
}
#endif /* __cplusplus */

#endif /* E_CABINET_SRTP3_COMPAT_H */
