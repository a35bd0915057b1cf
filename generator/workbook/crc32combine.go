package workbook

// crc32Combine returns the IEEE CRC-32 of A followed by B, given crcA, the
// CRC-32 of A, and crcB, the CRC-32 of B, which is lenB bytes long. It is
// zlib's crc32_combine: appending lenB zero bytes to A is a linear map of
// A's CRC, applied here by repeated squaring of the one-zero-bit operator.
// The workbook needs it to give a zip entry its CRC when the entry's middle
// part was compressed, and its bytes let go, before its first part was
// known.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [32]uint32 // operators for 2^k zero bits, k even and odd
	odd[0] = 0xedb88320      // the reflected IEEE polynomial: one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2MatrixSquare(even[:], odd[:]) // two zero bits
	gf2MatrixSquare(odd[:], even[:]) // four zero bits
	// Apply lenB zero bytes to crcA, one bit of lenB at a time; the first
	// squaring gives the operator for one zero byte.
	for {
		gf2MatrixSquare(even[:], odd[:])
		if lenB&1 != 0 {
			crcA = gf2MatrixTimes(even[:], crcA)
		}
		lenB >>= 1
		if lenB == 0 {
			break
		}
		gf2MatrixSquare(odd[:], even[:])
		if lenB&1 != 0 {
			crcA = gf2MatrixTimes(odd[:], crcA)
		}
		lenB >>= 1
		if lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

func gf2MatrixTimes(mat []uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2MatrixSquare(square, mat []uint32) {
	for n := range 32 {
		square[n] = gf2MatrixTimes(mat, mat[n])
	}
}
